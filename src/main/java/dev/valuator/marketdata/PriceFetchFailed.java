package dev.valuator.marketdata;

/**
 * A run whose price phase ended {@link PriceOutcome.Failed} stops with this: the run ends FAILED
 * with the outcome's message (the outcome's summary is the run's, kept by the caller).
 */
public class PriceFetchFailed extends RuntimeException {

    public PriceFetchFailed(PriceOutcome.Failed outcome) {
        super(outcome.message());
    }
}
