package dev.valuator.marketdata.polygon;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries and the per-run outage breaker around one attempt. A call retries 429s (honouring
 * {@code Retry-After}) and transient failures with jittered exponential back-off. Once a call of
 * a run has given up on an outage (5xx, I/O error, malformed body), the run's breaker is open and
 * every later call of that run is tried once: a success closes it again. A dead provider then
 * costs a run one retried call, not one per symbol.
 */
public final class PolygonResilience {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** One failure opens it; the next call is the one probe (half-open), whose outcome closes or reopens it. */
    private static final CircuitBreakerConfig PER_RUN = CircuitBreakerConfig.custom()
            .slidingWindow(1, 1, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(100)
            .permittedNumberOfCallsInHalfOpenState(1)
            .slowCallDurationThreshold(Duration.ofDays(365)) // a slow answer is an answer
            .recordException(PolygonResilience::outage)
            .ignoreException(e -> !outage(e))
            .build();

    private final PolygonProperties properties;
    private final Retry retry;

    PolygonResilience(PolygonProperties properties) {
        this.properties = properties;
        this.retry = Retry.of(
                "polygon",
                RetryConfig.custom()
                        .maxAttempts(properties.maxAttempts())
                        .retryOnException(e -> e instanceof RetryableFailure)
                        .intervalBiFunction(this::waitBeforeRetry)
                        .failAfterMaxAttempts(false)
                        .build());
    }

    /** A fresh breaker for one run: runs never share an outage verdict. */
    static CircuitBreaker runBreaker() {
        return CircuitBreaker.of("polygon-run", PER_RUN);
    }

    private static boolean outage(Throwable e) {
        return e instanceof PolygonFailure.Unavailable;
    }

    /** The attempt's answer, retried while the run's breaker is closed, tried once while it is not. */
    <T> T call(Supplier<T> attempt, PolygonSession calls) {
        CircuitBreaker breaker = calls.breaker();
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            breaker.transitionToHalfOpenState();
        }
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            return breaker.executeSupplier(() -> once(attempt));
        }
        return breaker.executeSupplier(() -> retried(attempt));
    }

    private <T> T retried(Supplier<T> attempt) {
        try {
            return retry.executeSupplier(attempt);
        } catch (RetryableFailure f) {
            throw f.giveUp(" (gave up after " + properties.maxAttempts() + " attempts)");
        }
    }

    private static <T> T once(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RetryableFailure f) {
            throw f.giveUp(" (not retried: Polygon already failed earlier in this run)");
        }
    }

    private long waitBeforeRetry(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof RetryableFailure failure && failure.retryAfter() != null) {
            return Math.max(1, failure.retryAfter().toMillis());
        }
        long base = properties.initialBackoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // full jitter on the upper half: spreads retries of concurrent clients, never below half the step
        return Math.max(1, capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
