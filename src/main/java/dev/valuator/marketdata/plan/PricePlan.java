package dev.valuator.marketdata.plan;

import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.plan.FetchPlanner.FetchPlan;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a run asks Polygon for: the (symbol, date) cells its scope misses, the fewest calls
 * covering them ({@link FetchPlanner}), and those calls in the order a budgeted run makes them.
 *
 * @param inScope the symbols in scope that need any date through the run's last one
 * @param missing symbol → the trading dates it has no bar for
 */
public record PricePlan(
        Set<String> inScope, Map<String, SortedSet<LocalDate>> missing, FetchPlan fetchPlan, FetchSequence calls) {

    /**
     * The plan for symbols needing bars from their first date ({@code firstDates}) through {@code
     * to}; symbols first needed after {@code to} are dropped from {@code firstDates}.
     */
    public static PricePlan of(
            FetchCoverage coverage,
            JdbcClient db,
            Map<String, LocalDate> firstDates,
            LocalDate to,
            TradingCalendar calendar) {
        return of(coverage, db, firstDates, Map.of(), to, calendar);
    }

    /**
     * As {@link #of(FetchCoverage, JdbcClient, Map, LocalDate, TradingCalendar)}, each symbol of
     * {@code endsBefore} needed only before its date there (a corporate action ended it).
     */
    public static PricePlan of(
            FetchCoverage coverage,
            JdbcClient db,
            Map<String, LocalDate> firstDates,
            Map<String, LocalDate> endsBefore,
            LocalDate to,
            TradingCalendar calendar) {
        firstDates.values().removeIf(first -> first.isAfter(to));
        LocalDate from = firstDates.values().stream().min(LocalDate::compareTo).orElse(to);
        Map<String, SortedSet<LocalDate>> missing =
                coverage.missing(db, firstDates, calendar.tradingDaysBetween(from, to));
        endsBefore.forEach((symbol, end) -> {
            SortedSet<LocalDate> cells = missing.get(symbol);
            if (cells != null) {
                cells.removeIf(day -> !day.isBefore(end));
                if (cells.isEmpty()) {
                    missing.remove(symbol);
                }
            }
        });
        FetchPlan plan = FetchPlanner.plan(missing);
        return new PricePlan(firstDates.keySet(), missing, plan, new FetchSequence(plan, missing));
    }

    /**
     * The plan for exactly these missing cells, whatever earlier calls covered: a symbol new to
     * the scope (a ticker change's successor) was not stored from the grouped answers that covered
     * its dates.
     */
    public static PricePlan forCells(Map<String, SortedSet<LocalDate>> missing) {
        FetchPlan plan = FetchPlanner.plan(missing);
        return new PricePlan(missing.keySet(), missing, plan, new FetchSequence(plan, missing));
    }

    /** Missing cells in all. */
    public int cells() {
        return missing.values().stream().mapToInt(Set::size).sum();
    }
}
