package dev.valuator.holdings;

import java.time.Duration;

/** The splits an import needs could not be learned: nothing was stored (503). */
public class SplitsUnavailable extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message what happened, as the caller will read it
     * @param retryAfter when trying again may help, or null when it will not until the configuration changes
     */
    public SplitsUnavailable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
