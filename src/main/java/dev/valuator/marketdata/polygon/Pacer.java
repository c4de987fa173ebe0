package dev.valuator.marketdata.polygon;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Paces every Polygon HTTP attempt of the process (pages and retries included) so that no
 * sliding window of {@code period} ever holds more than {@code permits} calls.
 *
 * <p>Why capacity 1: a token bucket of capacity C refilling over the period admits C plus a
 * period's refill inside one window (up to 2N), and interval refills admit 2N across a window
 * boundary. With capacity 1 and one token per {@code period / permits + margin}, consecutive
 * calls are at least that far apart, so N+1 calls span more than the period. The cost is that N
 * calls are spread over the window instead of bursting, which the free tier's 5/min makes
 * irrelevant (the provider would reject a burst's retries anyway).
 */
@Component
public class Pacer {

    /** Slack over the exact spacing, so clock granularity on either side never lets N+1 calls into one window. */
    static final Duration MARGIN = Duration.ofMillis(50);

    private final Bucket bucket;
    private final Duration spacing;
    private final Timer waits;

    /**
     * The limit is per minute; {@code valuator.polygon.rate-period} (an internal setting, not an
     * environment variable) shortens that "minute" to run a free-tier backfill at a scaled pace.
     */
    @Autowired
    public Pacer(
            PolygonProperties properties,
            MeterRegistry meters,
            @Value("${valuator.polygon.rate-period:PT1M}") Duration period) {
        this(properties.rateLimitPerMinute(), period, meters);
    }

    public Pacer(int permits, Duration period, MeterRegistry meters) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be 0 (unlimited) or positive");
        }
        this.spacing = permits == 0 ? Duration.ZERO : period.dividedBy(permits).plus(MARGIN);
        this.bucket = permits == 0
                ? null
                : Bucket.builder()
                        .addLimit(limit -> limit.capacity(1).refillGreedy(1, spacing))
                        .build();
        this.waits = Timer.builder("polygon.pacing.wait")
                .description("Time Polygon calls waited for the client-side rate limit")
                .register(meters);
    }

    /** Blocks until the next call may go out. */
    public void acquire() {
        if (bucket == null) {
            return;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            waits.record(0, TimeUnit.NANOSECONDS);
            return;
        }
        long expected = probe.getNanosToWaitForRefill();
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolygonFailure.Unavailable("interrupted while waiting for the Polygon rate limit", e);
        }
        waits.record(expected, TimeUnit.NANOSECONDS);
    }

    /** The enforced minimum distance between two calls (zero when unlimited). */
    public Duration spacing() {
        return spacing;
    }

    /** The bucket's capacity: always 1 when limited (see class comment), 0 when unlimited. */
    long capacity() {
        return bucket == null ? 0 : 1;
    }
}
