package dev.valuator.prices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns {@code daily_prices}: unadjusted end-of-day bars, stored exactly as Polygon reported them. */
@Repository
public class Prices {

    /** Rows per statement: large enough to amortise round trips, small enough to keep arrays modest. */
    static final int CHUNK = 20_000;

    // One statement per chunk: the bars travel as parallel text arrays and are unnested
    // server-side. Rows that did not change are left alone, so the count is "inserted or changed".
    private static final String UPSERT = """
            INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, vwap, transactions,
                                      provisional, fetched_at)
            SELECT b.symbol, b.trade_date::date, b.open::numeric, b.high::numeric, b.low::numeric, b.close::numeric,
                   b.volume::numeric, b.vwap::numeric, b.transactions::bigint, b.provisional::boolean, ?
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[])
                   AS b(symbol, trade_date, open, high, low, close, volume, vwap, transactions, provisional)
            ON CONFLICT (symbol, trade_date) DO UPDATE
               SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                   volume = excluded.volume, vwap = excluded.vwap, transactions = excluded.transactions,
                   provisional = excluded.provisional, fetched_at = excluded.fetched_at
             WHERE (daily_prices.open, daily_prices.high, daily_prices.low, daily_prices.close, daily_prices.volume,
                    daily_prices.vwap, daily_prices.transactions, daily_prices.provisional)
                   IS DISTINCT FROM
                   (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume,
                    excluded.vwap, excluded.transactions, excluded.provisional)""";

    private static final String BETWEEN = """
            SELECT trade_date, open, high, low, close, volume, vwap, transactions
              FROM daily_prices
             WHERE symbol = ? AND trade_date BETWEEN ? AND ?
             ORDER BY trade_date""";

    private static final String LATEST_DATE = "SELECT max(trade_date) FROM daily_prices";

    private static final String ANY_FROM = "SELECT EXISTS (SELECT 1 FROM daily_prices WHERE trade_date >= :from)";

    private static final String WITHOUT_FINAL_BAR = """
            SELECT s.symbol, d.trade_date
              FROM unnest(?::text[], ?::text[]::date[]) AS s(symbol, first_date)
              JOIN unnest(?::text[]::date[]) AS d(trade_date) ON d.trade_date >= s.first_date
             WHERE NOT EXISTS (SELECT 1 FROM daily_prices p
                                WHERE p.symbol = s.symbol AND p.trade_date = d.trade_date AND NOT p.provisional)
             ORDER BY s.symbol, d.trade_date""";

    private static final String LAST_CLOSES = """
            SELECT s.symbol, (SELECT max(p.trade_date) FROM daily_prices p WHERE p.symbol = s.symbol)
            FROM unnest(?::text[]) AS s(symbol)
            WHERE EXISTS (SELECT 1 FROM daily_prices p WHERE p.symbol = s.symbol)""";

    private final JdbcClient jdbc;

    Prices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest trading date with a stored bar, or null, on the given (run's) connection. */
    public LocalDate latestDate(JdbcClient run) {
        return run.sql(LATEST_DATE)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list()
                .getFirst();
    }

    /** Whether any bar is stored for {@code from} or later (null: none to value from). */
    public boolean anyFrom(LocalDate from) {
        return from != null
                && jdbc.sql(ANY_FROM).param("from", from).query(Boolean.class).single();
    }

    /** Each symbol's latest stored close date (symbols without any bar are left out), on the given connection. */
    public Map<String, LocalDate> lastCloses(JdbcClient run, Collection<String> symbols) {
        Map<String, LocalDate> last = new TreeMap<>();
        run.sql(LAST_CLOSES).param(symbols.toArray(String[]::new)).query(rs -> {
            last.put(rs.getString(1), rs.getObject(2, LocalDate.class));
        });
        return last;
    }

    /**
     * The (symbol, date) cells without a final bar: for each symbol, the dates in {@code days}
     * from its first date on.
     */
    public Map<String, SortedSet<LocalDate>> withoutFinalBar(
            JdbcClient run, Map<String, LocalDate> firstDates, Collection<LocalDate> days) {
        Map<String, SortedSet<LocalDate>> cells = new TreeMap<>();
        if (firstDates.isEmpty() || days.isEmpty()) {
            return cells;
        }
        String[] symbols = firstDates.keySet().toArray(String[]::new);
        String[] firsts = firstDates.values().stream().map(LocalDate::toString).toArray(String[]::new);
        String[] dates = days.stream().map(LocalDate::toString).toArray(String[]::new);
        run.sql(WITHOUT_FINAL_BAR).params(symbols, firsts, dates).query(rs -> {
            cells.computeIfAbsent(rs.getString(1), s -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
        });
        return cells;
    }

    /**
     * Inserts or updates bars in chunked statements on the given (run's) connection.
     *
     * @param provisional which trading dates are still provisional
     * @return bars inserted or changed
     */
    public long upsert(JdbcClient run, List<DailyBar> bars, Predicate<LocalDate> provisional, Instant fetchedAt) {
        Map<String, DailyBar> unique = new LinkedHashMap<>();
        for (DailyBar bar : bars) {
            unique.put(bar.symbol() + '\u0000' + bar.date(), bar);
        }
        List<DailyBar> rows = new ArrayList<>(unique.values());
        long changed = 0;
        for (int start = 0; start < rows.size(); start += CHUNK) {
            List<DailyBar> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
            int n = chunk.size();
            String[][] columns = new String[10][n];
            for (int i = 0; i < n; i++) {
                DailyBar bar = chunk.get(i);
                columns[0][i] = bar.symbol();
                columns[1][i] = bar.date().toString();
                columns[2][i] = text(bar.open());
                columns[3][i] = text(bar.high());
                columns[4][i] = text(bar.low());
                columns[5][i] = text(bar.close());
                columns[6][i] = text(bar.volume());
                columns[7][i] = text(bar.vwap());
                columns[8][i] =
                        bar.transactions() == null ? null : bar.transactions().toString();
                columns[9][i] = provisional.test(bar.date()) ? "true" : "false";
            }
            changed += run.sql(UPSERT)
                    .params(
                            fetchedAt.atOffset(ZoneOffset.UTC),
                            columns[0],
                            columns[1],
                            columns[2],
                            columns[3],
                            columns[4],
                            columns[5],
                            columns[6],
                            columns[7],
                            columns[8],
                            columns[9])
                    .update();
        }
        return changed;
    }

    /** One symbol's bars from {@code from} through {@code to}, oldest first. */
    public List<DailyBar> between(String symbol, LocalDate from, LocalDate to) {
        return jdbc.sql(BETWEEN)
                .params(symbol, from, to)
                .query((rs, i) -> new DailyBar(
                        symbol,
                        rs.getObject(1, LocalDate.class),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getObject(8) == null ? null : rs.getLong(8)))
                .list();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
