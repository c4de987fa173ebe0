package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.ordered;

import dev.valuator.valuation.ValuationPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the valuation phase's first statements as the daily
 * increment runs them, in one transaction that is rolled back: the new session's closes (copied
 * from the previous session's), then {@code FILL_SCOPE}, {@code COPY_OLD_POSITIONS} and
 * {@code COPY_OLD_SNAPSHOTS} (read from {@link ValuationPhase}'s constants; the request is "all
 * accounts, no from/to"). Shows which of them read the stored history rather than the rows the
 * increment writes. Diagnostics only: a failure is reported, not thrown.
 */
final class IncrementExplain {

    private static final List<String> STATEMENTS =
            List.of("CREATE_SCOPE", "FILL_SCOPE", "COPY_OLD_POSITIONS", "COPY_OLD_SNAPSHOTS");

    private IncrementExplain() {}

    static Map<String, Object> run(JdbcTemplate jdbc, LocalDate previous, LocalDate next) {
        try {
            return jdbc.execute((ConnectionCallback<Map<String, Object>>) c -> explain(c, previous, next));
        } catch (RuntimeException e) {
            return ordered("measurement", "increment-explain", "error", e.toString());
        }
    }

    private static Map<String, Object> explain(Connection c, LocalDate previous, LocalDate next) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Map<String, Object> plans = new LinkedHashMap<>();
        try {
            try (PreparedStatement closes = c.prepareStatement("""
                    INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, vwap, transactions,
                                              provisional, fetched_at)
                    SELECT symbol, ?, open, high, low, close, volume, vwap, transactions, provisional, fetched_at
                    FROM daily_prices WHERE trade_date = ?""")) {
                closes.setObject(1, next);
                closes.setObject(2, previous);
                closes.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL work_mem = '256MB'");
                s.execute("SET LOCAL jit = off");
                for (String name : STATEMENTS) {
                    String sql = constant(name).replaceAll("(?<!:):(to|from|earliest|accountId)\\b", "NULL");
                    if (name.startsWith("CREATE_")) {
                        s.execute(sql);
                        continue;
                    }
                    List<String> lines = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (rs.next()) {
                            lines.add(rs.getString(1));
                        }
                    }
                    plans.put(name, lines);
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return ordered("measurement", "increment-explain", "plans", plans);
    }

    private static String constant(String name) {
        try {
            var field = ValuationPhase.class.getDeclaredField(name);
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
