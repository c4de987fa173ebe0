package dev.valuator.refresh.lock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code lockConnection}: whether this instance can open the dedicated connection a run takes its
 * lock on (it is not a pooled one, so the pool being fine does not prove it).
 */
@Component("lockConnection")
class LockConnectionHealthIndicator implements HealthIndicator {

    private final RefreshLock lock;

    LockConnectionHealthIndicator(RefreshLock lock) {
        this.lock = lock;
    }

    @Override
    public Health health() {
        try {
            lock.probe();
            return Health.up().build();
        } catch (java.sql.SQLException e) {
            return Health.down()
                    .withDetail("error", DatabaseFailure.sentence(e))
                    .build();
        }
    }
}
