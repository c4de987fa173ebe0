package dev.valuator.marketdata;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Polygon calls of one run: counts every HTTP attempt (pages and retries included) and the
 * 429 answers for the price summary, and runs the run's safe point before each attempt.
 */
public final class PolygonCalls {

    private final Runnable beforeEachCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger aggregateCalls = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile boolean providerDown;

    public PolygonCalls(Runnable beforeEachCall) {
        this.beforeEachCall = beforeEachCall;
    }

    public static PolygonCalls untracked() {
        return new PolygonCalls(() -> {});
    }

    void beforeCall(String endpoint) {
        beforeEachCall.run();
        calls.incrementAndGet();
        if (endpoint.startsWith("aggregates")) {
            aggregateCalls.incrementAndGet();
        }
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    /** Whether a call of this run gave up after all its retries on a 5xx, I/O error or malformed body. */
    boolean providerDown() {
        return providerDown;
    }

    void providerDown(boolean down) {
        this.providerDown = down;
    }

    void providerUp() {
        this.providerDown = false;
    }

    /** HTTP attempts made, pages and retries included. */
    public int calls() {
        return calls.get();
    }

    /** HTTP attempts to the aggregates endpoints (range and grouped daily). */
    public int aggregateCalls() {
        return aggregateCalls.get();
    }

    /** 429 answers received. */
    public int rateLimitedResponses() {
        return rateLimited.get();
    }
}
