package dev.valuator.marketdata;

import java.time.Instant;
import java.time.LocalDate;
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
class FetchCoverage {

    // A cell is done when a final bar exists, a final grouped-daily answer covered the date, or a
    // per-symbol range call covered it (a symbol that did not trade has no bar, yet is done).
    private static final String MISSING = """
            SELECT s.symbol, d.trade_date
              FROM unnest(?::text[], ?::text[]::date[]) AS s(symbol, first_date)
              JOIN unnest(?::text[]::date[]) AS d(trade_date) ON d.trade_date >= s.first_date
             WHERE NOT EXISTS (SELECT 1 FROM daily_prices p
                                WHERE p.symbol = s.symbol AND p.trade_date = d.trade_date AND NOT p.provisional)
               AND NOT EXISTS (SELECT 1 FROM grouped_fetches g WHERE g.trade_date = d.trade_date AND g.final)
               AND NOT EXISTS (SELECT 1 FROM symbol_fetches f
                                WHERE f.symbol = s.symbol
                                  AND d.trade_date BETWEEN f.covered_from AND f.covered_through)
             ORDER BY s.symbol, d.trade_date""";

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

    /**
     * Missing cells: for each symbol (with the first date it needs), the trading days in
     * {@code tradingDays} from that date on that are not done.
     */
    Map<String, SortedSet<LocalDate>> missing(
            JdbcClient run, Map<String, LocalDate> firstDates, Collection<LocalDate> tradingDays) {
        Map<String, SortedSet<LocalDate>> missing = new TreeMap<>();
        if (firstDates.isEmpty() || tradingDays.isEmpty()) {
            return missing;
        }
        String[] symbols = firstDates.keySet().toArray(String[]::new);
        String[] firsts = firstDates.values().stream().map(LocalDate::toString).toArray(String[]::new);
        String[] days = tradingDays.stream().map(LocalDate::toString).toArray(String[]::new);
        run.sql(MISSING).params(symbols, firsts, days).query(rs -> {
            missing.computeIfAbsent(rs.getString(1), s -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
        });
        return missing;
    }

    void recordGrouped(JdbcClient run, LocalDate date, int resultCount, boolean isFinal, Instant now) {
        run.sql(RECORD_GROUPED)
                .params(date, resultCount, isFinal, MarketClosures.utc(now))
                .update();
    }

    Optional<FetchPlanner.DateRange> symbolRange(JdbcClient run, String symbol) {
        List<FetchPlanner.DateRange> ranges = run.sql(SYMBOL_RANGE)
                .param(symbol)
                .query((rs, i) ->
                        new FetchPlanner.DateRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .list();
        return ranges.stream().findFirst();
    }

    void saveSymbolRange(JdbcClient run, String symbol, FetchPlanner.DateRange range, Instant now) {
        run.sql(SAVE_SYMBOL_RANGE)
                .params(symbol, range.from(), range.to(), MarketClosures.utc(now))
                .update();
    }
}
