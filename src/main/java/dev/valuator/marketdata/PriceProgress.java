package dev.valuator.marketdata;

import dev.valuator.marketdata.PriceSummary.SymbolFailure;
import dev.valuator.marketdata.plan.PricePlan;
import dev.valuator.marketdata.polygon.PolygonSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The counters of one price phase, and the {@link PriceSummary} they add up to. */
final class PriceProgress {

    final long startedMillis;
    final PolygonSession calls;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Set<String> unanswered = new java.util.HashSet<>();
    private String plan = "NONE";
    private Set<String> needed = Set.of();
    int symbolsRequested;
    long barsUpserted;
    int callsPlanned;
    PriceSummary.Remaining remaining;

    PriceProgress(long startedMillis, PolygonSession calls) {
        this.startedMillis = startedMillis;
        this.calls = calls;
    }

    /** What the plan set out to do: its label, the symbols missing bars, the calls it takes. */
    void planned(PricePlan plan) {
        this.plan = plan.fetchPlan().label();
        this.needed = plan.missing().keySet();
        this.callsPlanned = calls.calls() + plan.calls().calls().size();
    }

    /** A symbol's first failure; later ones of the same symbol add nothing. */
    void fail(String symbol, String error) {
        failures.putIfAbsent(symbol, error);
    }

    /** A symbol's call failed: its failure, and it is not known whether the provider has its bars. */
    void callFailed(String symbol, String error) {
        fail(symbol, error);
        unanswered.add(symbol);
    }

    /** The symbols whose calls failed (rather than answered without their bars). */
    Set<String> unansweredSymbols() {
        return Set.copyOf(unanswered);
    }

    PriceSummary summary(Clock clock) {
        List<SymbolFailure> list = new ArrayList<>();
        failures.forEach((s, e) -> list.add(new SymbolFailure(s, e)));
        int fetched =
                (int) needed.stream().filter(s -> !failures.containsKey(s)).count();
        return new PriceSummary(
                plan,
                symbolsRequested,
                fetched,
                failures.size(),
                barsUpserted,
                calls.calls(),
                calls.rateLimitedResponses(),
                Math.max(0, clock.millis() - startedMillis),
                List.copyOf(list),
                remaining);
    }
}
