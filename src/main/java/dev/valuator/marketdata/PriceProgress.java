package dev.valuator.marketdata;

import dev.valuator.marketdata.PriceSummary.SymbolFailure;
import dev.valuator.marketdata.plan.PricePlan;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The counters of one price phase, and the {@link PriceSummary} they add up to. */
final class PriceProgress {

    final long startedMillis;
    final PolygonSession calls;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Set<String> unanswered = new java.util.HashSet<>();
    private final SortedSet<LocalDate> unfetchedDates = new TreeSet<>();
    private String plan = "NONE";
    private Set<String> needed = Set.of();
    private Set<String> left = Set.of();
    private int dueCells;
    private String firstProviderFailure;
    int symbolsRequested;
    long barsUpserted;
    int callsPlanned;
    int failedCalls;
    int cellsDelivered;
    PriceSummary.Remaining remaining;

    PriceProgress(long startedMillis, PolygonSession calls) {
        this.startedMillis = startedMillis;
        this.calls = calls;
    }

    /** What the plan set out to do: its label, the symbols missing bars, the calls it takes. */
    void planned(PricePlan plan) {
        this.plan = plan.fetchPlan().label();
        this.needed = plan.missing().keySet();
        this.dueCells = plan.cells();
        this.callsPlanned = calls.calls() + plan.calls().calls().size();
    }

    /**
     * A provider call failed (an outage, a 429 storm, an open breaker, an unusable answer): the
     * closes it was to bring on {@code dates} stay missing and go to the next run.
     */
    void providerFailed(PolygonFailure failure, Collection<LocalDate> dates) {
        failedCalls++;
        unfetchedDates.addAll(dates);
        if (firstProviderFailure == null) {
            firstProviderFailure = failure.getMessage();
        }
    }

    /** The symbols the budget left without their calls (none were made for them). */
    void leftForNextRun(Set<String> symbols) {
        this.left = symbols;
    }

    /** Due closes whose call failed, oldest date first (the next run asks for them again). */
    SortedSet<LocalDate> unfetchedDates() {
        return unfetchedDates;
    }

    /**
     * Why the phase failed although single symbols did not all fail: closes were due, provider
     * calls failed, and not one due close was stored. Null when the run did store something or
     * nothing failed: an outage is never a success, whatever had nothing due.
     */
    String outage() {
        if (dueCells == 0 || failedCalls == 0 || cellsDelivered > 0) {
            return null;
        }
        return "the provider failed: " + failedCalls + " call" + (failedCalls == 1 ? "" : "s")
                + " failed and none of the " + dueCells + " due close" + (dueCells == 1 ? " was" : "s were")
                + " stored (first error: " + firstProviderFailure + ")";
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
        // fetched: every call for the symbol was made and none failed
        int fetched = (int) needed.stream()
                .filter(s -> !failures.containsKey(s) && !left.contains(s))
                .count();
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
