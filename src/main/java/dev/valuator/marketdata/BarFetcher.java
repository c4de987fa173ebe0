package dev.valuator.marketdata;

import dev.valuator.marketdata.calendar.MarketClosures;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.plan.FetchCoverage;
import dev.valuator.marketdata.plan.FetchPlanner.DateRange;
import dev.valuator.marketdata.plan.FetchSequence;
import dev.valuator.marketdata.plan.PricePlan;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.prices.DailyBar;
import dev.valuator.prices.Prices;
import dev.valuator.system.RunContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes one planned aggregates call and stores what it brought: the bars (provisional until
 * their session settled), the coverage that keeps later runs from asking again, and the closure
 * an empty grouped answer proves. What a call could not deliver is a failure of its symbols.
 */
final class BarFetcher {

    private static final Logger log = LoggerFactory.getLogger(BarFetcher.class);

    private final PolygonClient polygon;
    private final MarketClosures closures;
    private final FetchCoverage coverage;
    private final Prices prices;
    private final Clock clock;

    BarFetcher(PolygonClient polygon, MarketClosures closures, FetchCoverage coverage, Prices prices, Clock clock) {
        this.polygon = polygon;
        this.closures = closures;
        this.coverage = coverage;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * One run's view: where it writes, its calendar, its counters, and the symbols whose bars a
     * grouped answer stores (every symbol any run needs, as the answer covers its date for all).
     */
    record Run(RunContext context, TradingCalendar calendar, PriceProgress progress, Set<String> kept) {}

    void fetch(Run run, PricePlan plan, FetchSequence.Call call) {
        if (call.grouped()) {
            grouped(run, plan, call.date());
        } else {
            symbol(run, call.symbol(), call.range(), plan.missing().get(call.symbol()));
        }
    }

    private void grouped(Run run, PricePlan plan, LocalDate date) {
        // the symbols this call has to serve: the per-symbol calls serve the others
        List<String> served = plan.missing().entrySet().stream()
                .filter(e -> e.getValue().contains(date)
                        && !plan.fetchPlan().perSymbol().containsKey(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        PriceProgress progress = run.progress();
        List<DailyBar> bars = CallFailures.orNull(() -> polygon.groupedDaily(date, progress.calls), e -> {
            progress.providerFailed(e, served.isEmpty() ? List.of() : List.of(date));
            served.forEach(s -> progress.callFailed(s, "grouped daily for " + date + " failed: " + e.getMessage()));
        });
        if (bars == null) {
            return;
        }
        Instant now = clock.instant();
        TradingCalendar calendar = run.calendar();
        JdbcClient db = run.context().jdbc();
        boolean isFinal = calendar.isFinal(date, now);
        if (bars.isEmpty()) {
            if (!calendar.closureEvident(date, now)) {
                log.info("Grouped daily for {} has no bars yet; it will be asked for again", date);
                return;
            }
            log.warn("Grouped daily for {} has no bars: recording the market as closed that day", date);
            run.context().transactions().executeWithoutResult(tx -> {
                closures.recordEvidence(db, date, "no bars in Polygon's grouped daily answer", now);
                coverage.recordGrouped(db, date, 0, true, now);
            });
            calendar.closedOn(date);
            return;
        }
        List<DailyBar> relevant =
                bars.stream().filter(b -> run.kept().contains(b.symbol())).toList();
        run.context().transactions().executeWithoutResult(tx -> {
            progress.barsUpserted += prices.upsert(db, relevant, d -> !isFinal, now);
            coverage.recordGrouped(db, date, bars.size(), isFinal, now);
        });
        Set<String> present = new HashSet<>();
        relevant.forEach(b -> present.add(b.symbol()));
        progress.cellsDelivered +=
                (int) served.stream().filter(present::contains).count();
        for (String symbol : served) {
            if (!present.contains(symbol)) {
                progress.fail(
                        symbol,
                        "no bar for " + date + " in the grouped daily answer: Polygon does not know " + symbol
                                + " or it did not trade that day");
            }
        }
    }

    private void symbol(Run run, String symbol, DateRange range, SortedSet<LocalDate> missing) {
        PriceProgress progress = run.progress();
        List<DailyBar> bars =
                CallFailures.orNull(() -> polygon.dailyBars(symbol, range.from(), range.to(), progress.calls), e -> {
                    progress.providerFailed(e, missing);
                    progress.callFailed(symbol, e.getMessage());
                });
        if (bars == null) {
            return;
        }
        Instant now = clock.instant();
        TradingCalendar calendar = run.calendar();
        List<DailyBar> relevant = bars.stream()
                .filter(b -> b.symbol().equals(symbol)
                        && !b.date().isBefore(range.from())
                        && !b.date().isAfter(range.to()))
                .toList();
        Predicate<LocalDate> provisional = d -> !calendar.isFinal(d, now);
        LocalDate finalThrough = range.to();
        while (!finalThrough.isBefore(range.from()) && provisional.test(finalThrough)) {
            finalThrough = calendar.previousTradingDay(finalThrough);
        }
        LocalDate coveredThrough = finalThrough;
        JdbcClient db = run.context().jdbc();
        run.context().transactions().executeWithoutResult(tx -> {
            progress.barsUpserted += prices.upsert(db, relevant, provisional, now);
            if (!coveredThrough.isBefore(range.from())) {
                saveCoverage(db, calendar, symbol, new DateRange(range.from(), coveredThrough), now);
            }
        });
        progress.cellsDelivered +=
                (int) relevant.stream().filter(b -> missing.contains(b.date())).count();
        boolean finalMissing = missing.stream().anyMatch(d -> !provisional.test(d));
        if (relevant.isEmpty() && finalMissing) {
            progress.fail(
                    symbol,
                    "Polygon has no data for " + symbol + " from " + range.from() + " to " + range.to()
                            + ": check the symbol as Polygon writes it (BRK.B, not BRK-B), or it did not trade then");
        }
    }

    /** Extends the symbol's covered range when the new one touches it; otherwise keeps the later one. */
    private void saveCoverage(JdbcClient db, TradingCalendar calendar, String symbol, DateRange fetched, Instant now) {
        DateRange merged = coverage.symbolRange(db, symbol)
                .filter(old -> !old.from().isAfter(calendar.nextTradingDay(fetched.to()))
                        && !fetched.from().isAfter(calendar.nextTradingDay(old.to())))
                .map(old -> new DateRange(
                        old.from().isBefore(fetched.from()) ? old.from() : fetched.from(),
                        old.to().isAfter(fetched.to()) ? old.to() : fetched.to()))
                .orElse(fetched);
        coverage.saveSymbolRange(db, symbol, merged, now);
    }
}
