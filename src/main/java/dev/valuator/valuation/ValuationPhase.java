package dev.valuator.valuation;

import dev.valuator.system.RunContext;
import org.springframework.stereotype.Component;

/** PLACEHOLDER replaced by the valuation branch. */
@Component
public class ValuationPhase {
    public ValuationSummary run(ValuationRequest request, RunContext run) {
        return new ValuationSummary(0, 0, 0, 0, 0, 0);
    }
}
