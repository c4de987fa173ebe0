package dev.valuator.marketdata;

/**
 * The price phase cannot complete (auth/plan error from Polygon, every symbol failed): the run
 * ends FAILED with this message, and the summary says what was done before.
 */
public class PriceFetchFailed extends RuntimeException {

    private final transient PriceSummary summary;

    public PriceFetchFailed(String message, PriceSummary summary) {
        super(message);
        this.summary = summary;
    }

    public PriceSummary summary() {
        return summary;
    }
}
