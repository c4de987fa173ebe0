package dev.valuator.marketdata;

import dev.valuator.system.RunContext;
import org.springframework.stereotype.Component;

/** PLACEHOLDER replaced by the market-data branch. */
@Component
public class PricePhase {
    public PriceSummary run(PriceRequest request, RunContext run) {
        return PriceSummary.none(0, 0);
    }
}
