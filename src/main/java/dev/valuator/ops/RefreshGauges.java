package dev.valuator.ops;

import dev.valuator.prices.FreshnessMarks;
import dev.valuator.refresh.config.Cadence;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobAlerts;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database (so they are right across instances): seconds since the last
 * price fetch, consecutive failed runs, the last success, the oldest running job, and the
 * expected ticks of the cadence — what {@code docs/prometheus/valuator-rules.yml} needs to apply
 * the runbook's policy without knowing the NYSE calendar. Values are cached for a few seconds per
 * scrape.
 */
@Component
class RefreshGauges {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private final FreshnessMarks marks;
    private final JobAlerts jobs;
    private final AlertReport alerts;
    private final Cadence cadence;
    private final Clock clock;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Instant readAt = Instant.EPOCH;
    private volatile double sinceLastPriceFetch = Double.NaN;
    private volatile double consecutiveFailures = Double.NaN;
    private volatile double lastSuccess = Double.NaN;
    private volatile double oldestRunning = Double.NaN;
    private volatile double secondLastTick = Double.NaN;
    private volatile double nextTick = Double.NaN;

    RefreshGauges(
            FreshnessMarks marks,
            JobAlerts jobs,
            AlertReport alerts,
            Cadence cadence,
            RefreshProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.marks = marks;
        this.jobs = jobs;
        this.alerts = alerts;
        this.cadence = cadence;
        this.clock = clock;
        Gauge.builder("valuator.refresh.seconds.since.last.price.fetch", this, g -> g.read().sinceLastPriceFetch)
                .description("Seconds since bars were last stored (NaN before the first fetch)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("valuator.refresh.consecutive.failures", this, g -> g.read().consecutiveFailures)
                .description("FAILED runs since the last SUCCEEDED one")
                .register(registry);
        Gauge.builder("valuator.refresh.last.success.timestamp", this, g -> g.read().lastSuccess)
                .description("When the newest SUCCEEDED run finished, Unix seconds (0 before the first success)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("valuator.refresh.second.last.expected.tick.timestamp", this, g -> g.read().secondLastTick)
                .description("The second most recent expected tick of VALUATION_SCHEDULE_CRON (trading days"
                        + " only), Unix seconds: a last success older than this is the runbook's WARNING")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("valuator.refresh.next.expected.tick.timestamp", this, g -> g.read().nextTick)
                .description("The next expected tick of VALUATION_SCHEDULE_CRON, Unix seconds")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("valuator.refresh.oldest.running", this, g -> g.read().oldestRunning)
                .description("Age of the oldest RUNNING job in seconds (0 when none runs)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "valuator.refresh.max.runtime",
                        properties,
                        p -> p.maxRuntime().toMillis() / 1000.0)
                .description("VALUATION_REFRESH_MAX_RUNTIME in seconds")
                .baseUnit("seconds")
                .register(registry);
    }

    /** The cached figures, read again when older than {@link #CACHE}; one reader at a time. */
    private RefreshGauges read() {
        reading.lock();
        try {
            return readLocked();
        } finally {
            reading.unlock();
        }
    }

    private RefreshGauges readLocked() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).abs().compareTo(CACHE) < 0) {
            return this;
        }
        try {
            Instant fetched = marks.read().lastPriceFetchedAt();
            sinceLastPriceFetch = fetched == null
                    ? Double.NaN
                    : Duration.between(fetched, now).toMillis() / 1000.0;
            List<JobAlerts.Finished> recent = jobs.recentFinished(100);
            int failures = 0;
            while (failures < recent.size() && recent.get(failures).status() == JobStatus.FAILED) {
                failures++;
            }
            consecutiveFailures = failures;
            lastSuccess = jobs.latestFinished(JobStatus.SUCCEEDED)
                    .map(RefreshGauges::seconds)
                    .orElse(0.0);
            oldestRunning = jobs.running().stream()
                    .map(RefreshJob::startedAt)
                    .min(Instant::compareTo)
                    .map(started -> Duration.between(started, now).toMillis() / 1000.0)
                    .orElse(0.0);
        } catch (RuntimeException e) {
            sinceLastPriceFetch = Double.NaN;
            consecutiveFailures = Double.NaN;
            lastSuccess = Double.NaN;
            oldestRunning = Double.NaN;
        }
        List<Instant> lastTwo = alerts.lastExpectedTicks(now, 2);
        secondLastTick = lastTwo.size() < 2 ? Double.NaN : seconds(lastTwo.getFirst());
        nextTick = cadence.next(now).map(RefreshGauges::seconds).orElse(Double.NaN);
        readAt = now;
        return this;
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
