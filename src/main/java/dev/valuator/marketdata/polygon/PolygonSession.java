package dev.valuator.marketdata.polygon;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Polygon calls of one run: counts every HTTP attempt (pages and retries included) and the
 * 429 answers for the price summary, runs the run's safe point before each attempt, and holds the
 * run's outage breaker ({@link PolygonResilience}). Calls of one run are made one after another.
 */
public final class PolygonSession {

    private final Runnable beforeEachCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger aggregateCalls = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final CircuitBreaker breaker = PolygonResilience.runBreaker();

    public PolygonSession(Runnable beforeEachCall) {
        this.beforeEachCall = beforeEachCall;
    }

    public static PolygonSession untracked() {
        return new PolygonSession(() -> {});
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

    /** Open once a call of this run gave up after all its retries on a 5xx, I/O error or malformed body. */
    CircuitBreaker breaker() {
        return breaker;
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
