package dev.valuator.marketdata;

/**
 * How a price phase ended, with what it did either way: {@link Fetched} (single symbols may
 * still have failed, listed in the summary) or {@link Failed} (no API key, Polygon rejected the
 * key or the plan, or every symbol that needed data failed), after which the run ends FAILED.
 */
public sealed interface PriceOutcome {

    PriceSummary summary();

    /** The phase completed; the run goes on to the valuations. */
    record Fetched(PriceSummary summary) implements PriceOutcome {}

    /**
     * The phase could not complete.
     *
     * @param message why, as the job row shows it
     * @param summary what was done before
     */
    record Failed(String message, PriceSummary summary) implements PriceOutcome {}
}
