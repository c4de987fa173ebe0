package dev.valuator.marketdata.polygon;

import java.time.Duration;

/**
 * A failed attempt worth another one (429, 5xx, I/O error, malformed body); once the attempts run
 * out, or none more are allowed, it becomes a {@link PolygonFailure}.
 */
final class RetryableFailure extends RuntimeException {

    private final Duration retryAfter;
    private final boolean rateLimited;

    RetryableFailure(String message, Duration retryAfter, boolean rateLimited, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.rateLimited = rateLimited;
    }

    static RetryableFailure transientFailure(String message) {
        return new RetryableFailure(message, null, false, null);
    }

    /** The wait Polygon asked for ({@code Retry-After}), or null for the usual back-off. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** The failure a caller sees: this message with {@code why} no further attempt is made. */
    PolygonFailure giveUp(String why) {
        String message = getMessage() + why;
        return rateLimited ? new PolygonFailure.RateLimited(message) : new PolygonFailure.Unavailable(message, this);
    }
}
