package dev.valuator.marketdata.plan;

import dev.valuator.marketdata.calendar.MarketClosures;
import dev.valuator.prices.Prices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code grouped_fetches} and {@code symbol_fetches}: what earlier calls covered, so a date
 * a symbol did not trade on is not asked for again. Computes the missing cells of a run.
 */
@Repository
public class FetchCoverage {

    // A cell is done when a final bar exists (asked of the price store first), a final
    // grouped-daily answer covered the date, or a per-symbol range call covered it (a symbol that
    // did not trade has no bar, yet is done).
    private static final String NOT_COVERED = """
            SELECT c.symbol, c.trade_date
              FROM unnest(?::text[], ?::text[]::date[]) AS c(symbol, trade_date)
             WHERE NOT EXISTS (SELECT 1 FROM grouped_fetches g WHERE g.trade_date = c.trade_date AND g.final)
               AND NOT EXISTS (SELECT 1 FROM symbol_fetches f
                                WHERE f.symbol = c.symbol
                                  AND c.trade_date BETWEEN f.covered_from AND f.covered_through)
             ORDER BY c.symbol, c.trade_date""";

    private static final String RECORD_GROUPED = """
            INSERT INTO grouped_fetches (trade_date, result_count, final, fetched_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (trade_date) DO UPDATE
               SET result_count = excluded.result_count, final = excluded.final, fetched_at = excluded.fetched_at
             WHERE NOT grouped_fetches.final""";

    private static final String SYMBOL_RANGE = """
            SELECT covered_from, covered_through FROM symbol_fetches WHERE symbol = ?""";

    private static final String SAVE_SYMBOL_RANGE = """
            INSERT INTO symbol_fetches (symbol, covered_from, covered_through, fetched_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (symbol) DO UPDATE
               SET covered_from = excluded.covered_from, covered_through = excluded.covered_through,
                   fetched_at = excluded.fetched_at""";

    private final Prices prices;

    FetchCoverage(Prices prices) {
        this.prices = prices;
    }

    /**
     * Missing cells: for each symbol (with the first date it needs), the trading days in
     * {@code tradingDays} from that date on that are not done.
     */
    Map<String, SortedSet<LocalDate>> missing(
            JdbcClient run, Map<String, LocalDate> firstDates, Collection<LocalDate> tradingDays) {
        Map<String, SortedSet<LocalDate>> missing = new TreeMap<>();
        List<String> symbols = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        prices.withoutFinalBar(run, firstDates, tradingDays)
                .forEach((symbol, days) -> days.forEach(day -> {
                    symbols.add(symbol);
                    dates.add(day.toString());
                }));
        if (symbols.isEmpty()) {
            return missing;
        }
        run.sql(NOT_COVERED)
                .params(symbols.toArray(String[]::new), dates.toArray(String[]::new))
                .query(rs -> {
                    missing.computeIfAbsent(rs.getString(1), s -> new TreeSet<>())
                            .add(rs.getObject(2, LocalDate.class));
                });
        return missing;
    }

    public void recordGrouped(JdbcClient run, LocalDate date, int resultCount, boolean isFinal, Instant now) {
        run.sql(RECORD_GROUPED)
                .params(date, resultCount, isFinal, MarketClosures.utc(now))
                .update();
    }

    public Optional<FetchPlanner.DateRange> symbolRange(JdbcClient run, String symbol) {
        List<FetchPlanner.DateRange> ranges = run.sql(SYMBOL_RANGE)
                .param(symbol)
                .query((rs, i) ->
                        new FetchPlanner.DateRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .list();
        return ranges.stream().findFirst();
    }

    public void saveSymbolRange(JdbcClient run, String symbol, FetchPlanner.DateRange range, Instant now) {
        run.sql(SAVE_SYMBOL_RANGE)
                .params(symbol, range.from(), range.to(), MarketClosures.utc(now))
                .update();
    }
}
