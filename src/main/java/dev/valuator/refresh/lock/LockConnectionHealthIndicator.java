package dev.valuator.refresh.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code lockConnection}: whether this instance can open the dedicated connection a run takes its
 * lock on (it is not a pooled one, so the pool being fine does not prove it).
 */
@Component("lockConnection")
class LockConnectionHealthIndicator implements HealthIndicator {

    private final DatabaseEndpoint database;

    LockConnectionHealthIndicator(DatabaseEndpoint database) {
        this.database = database;
    }

    @Override
    public Health health() {
        // opens and closes a connection where the lock is taken; takes no lock
        try (Connection connection = database.open();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Health.up().build();
        } catch (SQLException e) {
            return Health.down()
                    .withDetail("error", DatabaseFailure.sentence(e))
                    .build();
        }
    }
}
