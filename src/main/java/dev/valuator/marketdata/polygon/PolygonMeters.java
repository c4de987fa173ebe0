package dev.valuator.marketdata.polygon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The Polygon counters: every HTTP attempt by endpoint and outcome, and the 429 answers. */
final class PolygonMeters {

    private final MeterRegistry meters;

    PolygonMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String endpoint, String outcome) {
        Counter.builder("polygon.requests")
                .description("Polygon HTTP attempts by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    void rateLimited(String endpoint) {
        count(endpoint, "rate_limited");
        meters.counter("polygon.rate_limited", "endpoint", endpoint).increment();
    }
}
