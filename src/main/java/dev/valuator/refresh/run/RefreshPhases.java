package dev.valuator.refresh.run;

import dev.valuator.marketdata.PriceOutcome;
import dev.valuator.marketdata.PricePhase;
import dev.valuator.marketdata.PriceRequest;
import dev.valuator.marketdata.PriceSummary;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.valuation.ValuationPhase;
import dev.valuator.valuation.ValuationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** A refresh's work under the lock: the price phase, then the valuation of what it stored. */
@Component
public class RefreshPhases {

    private static final Duration VALUATION_RESERVE = Duration.ofSeconds(2);

    private final PricePhase pricePhase;
    private final ValuationPhase valuationPhase;
    private final RefreshProperties properties;
    private final Clock clock;

    RefreshPhases(PricePhase pricePhase, ValuationPhase valuationPhase, RefreshProperties properties, Clock clock) {
        this.pricePhase = pricePhase;
        this.valuationPhase = valuationPhase;
        this.properties = properties;
        this.clock = clock;
    }

    public void run(LockedRun run, RefreshRequest request, RunLauncher.Results results) {
        LocalDate earliest = properties.earliest(clock);
        PriceSummary price = prices(run, request, earliest, results);
        run.checkpoint();
        results.valuation(valuationPhase.run(
                new ValuationRequest(request.accountId(), request.from(), valuedThrough(request, price), earliest),
                run));
    }

    /** The one call of the price phase; a failed phase still leaves its summary for the job row. */
    private PriceSummary prices(LockedRun run, RefreshRequest request, LocalDate earliest, RunLauncher.Results out) {
        PriceRequest priceRequest = new PriceRequest(
                request.accountId(),
                request.symbols(),
                request.from(),
                request.to(),
                earliest,
                properties.maxCalls(),
                fetchDeadline(run.deadline()));
        PriceOutcome outcome = pricePhase.run(priceRequest, run);
        out.price(outcome.summary());
        if (outcome instanceof PriceOutcome.Failed failed) {
            throw new PhaseFailed(failed.message());
        }
        return outcome.summary();
    }

    /**
     * A budgeted run values only the dates whose bars are all stored: a snapshot is never built
     * from a price carried over a date that simply was not fetched yet.
     */
    private static LocalDate valuedThrough(RefreshRequest request, PriceSummary price) {
        LocalDate complete =
                price.remaining() == null ? null : price.remaining().pricesCompleteThrough();
        if (complete == null) {
            return request.to();
        }
        return request.to() == null || complete.isBefore(request.to()) ? complete : request.to();
    }

    /** Calls stop in time to leave the valuation a tenth of the run's time (at least two seconds). */
    private Instant fetchDeadline(Instant deadline) {
        Duration reserve = properties.maxRuntime().dividedBy(10);
        return deadline.minus(reserve.compareTo(VALUATION_RESERVE) < 0 ? VALUATION_RESERVE : reserve);
    }

    /** A phase ended the run; its message is the job's error. */
    public static final class PhaseFailed extends RuntimeException {
        PhaseFailed(String message) {
            super(message);
        }
    }
}
