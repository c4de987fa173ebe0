package dev.valuator.ops;

import dev.valuator.refresh.JobStatus;
import dev.valuator.refresh.RefreshJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database (so they are right across instances): seconds since the last
 * price fetch and consecutive failed runs. Values are cached for a few seconds per scrape.
 */
@Component
class RefreshGauges {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final RefreshJobs jobs;
    private final Clock clock;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile double sinceLastPriceFetch = Double.NaN;
    private volatile double consecutiveFailures = Double.NaN;

    RefreshGauges(JdbcClient jdbc, RefreshJobs jobs, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
        Gauge.builder("valuator.refresh.seconds.since.last.price.fetch", this, g -> g.read().sinceLastPriceFetch)
                .description("Seconds since bars were last stored (NaN before the first fetch)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("valuator.refresh.consecutive.failures", this, g -> g.read().consecutiveFailures)
                .description("FAILED runs since the last SUCCEEDED one")
                .register(registry);
    }

    private synchronized RefreshGauges read() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).abs().compareTo(CACHE) < 0) {
            return this;
        }
        try {
            Timestamp fetched = jdbc.sql("SELECT last_price_fetched_at FROM freshness")
                    .query(Timestamp.class)
                    .optional()
                    .orElse(null);
            sinceLastPriceFetch = fetched == null
                    ? Double.NaN
                    : Duration.between(fetched.toInstant(), now).toMillis() / 1000.0;
            List<RefreshJobs.Finished> recent = jobs.recentFinished(100);
            int failures = 0;
            while (failures < recent.size() && recent.get(failures).status() == JobStatus.FAILED) {
                failures++;
            }
            consecutiveFailures = failures;
        } catch (RuntimeException e) {
            sinceLastPriceFetch = Double.NaN;
            consecutiveFailures = Double.NaN;
        }
        readAt = now;
        return this;
    }
}
