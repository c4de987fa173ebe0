package dev.valuator.system.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The expensive health contributors answer from a result a few seconds old, so a flood of
 * anonymous probes costs one check per interval: a new lock connection each, or the alert
 * report's job statistics. The pool's own check ({@code db}, one {@code isValid} on a pooled
 * connection) stays live on purpose: its probes are what find and evict pooled connections a
 * database restart or cut left dead, before a request does.
 */
@Configuration(proxyBeanMethods = false)
class HealthCaching {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);
    /** A new lock connection, and the alert report's job statistics. */
    static final Set<String> EXPENSIVE = Set.of("lockConnection", "refreshVerdict");

    @Bean
    static BeanPostProcessor cachedHealthIndicators() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof HealthIndicator indicator && EXPENSIVE.contains(name)
                        ? new Cached(indicator, TIME_TO_LIVE)
                        : bean;
            }
        };
    }

    /** One indicator's latest answer, reused while younger than its time to live. */
    static final class Cached implements HealthIndicator {
        private final HealthIndicator delegate;
        private final long ttlNanos;
        private final AtomicReference<Entry> latest = new AtomicReference<>();
        private final ReentrantLock asking = new ReentrantLock();

        private record Entry(Health health, long at) {}

        Cached(HealthIndicator delegate, Duration ttl) {
            this.delegate = delegate;
            this.ttlNanos = ttl.toNanos();
        }

        @Override
        public Health health() {
            Entry entry = latest.get();
            long now = System.nanoTime();
            if (entry != null && now - entry.at() < ttlNanos) {
                return entry.health();
            }
            // one probe asks; concurrent probes of the stale entry wait for its answer (a lock, not
            // a monitor: a virtual thread waiting here on JDK 21 must not pin its carrier)
            asking.lock();
            try {
                entry = latest.get();
                if (entry != null && System.nanoTime() - entry.at() < ttlNanos) {
                    return entry.health();
                }
                Health health = delegate.health();
                latest.set(new Entry(health, System.nanoTime()));
                return health;
            } finally {
                asking.unlock();
            }
        }
    }
}
