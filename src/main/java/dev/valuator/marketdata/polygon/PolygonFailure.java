package dev.valuator.marketdata.polygon;

/**
 * The small set of ways a Polygon call can fail once retries are spent. Empty answers and 404
 * are not failures: they come back as an empty result.
 */
public abstract sealed class PolygonFailure extends RuntimeException {

    PolygonFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401/403: the key is wrong or the plan does not allow the request. Never retried; fails the run. */
    public static final class AuthFailed extends PolygonFailure {
        AuthFailed(String message) {
            super(message, null);
        }
    }

    /** 429 after every attempt, or a {@code Retry-After} longer than the configured cap. */
    public static final class RateLimited extends PolygonFailure {
        RateLimited(String message) {
            super(message, null);
        }
    }

    /** 5xx, I/O error, timeout or malformed body after every attempt. */
    public static final class Unavailable extends PolygonFailure {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Another 4xx (a request Polygon will never accept as sent). Not retried. */
    public static final class Rejected extends PolygonFailure {
        Rejected(String message) {
            super(message, null);
        }
    }
}
