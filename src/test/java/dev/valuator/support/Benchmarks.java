package dev.valuator.support;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Small helpers shared by the benchmark classes: timing and ordered JSON reports. */
public final class Benchmarks {

    private Benchmarks() {}

    /** Wall time of {@code work} in milliseconds. */
    public static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A map keeping the order of its keys, for readable JSON: {@code ordered("a", 1, "b", 2)}. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Runs a floor statement in its own transaction under the settings the valuation phase gives
     * itself ({@code work_mem} 256 MB, no JIT) and without merge joins, and returns its row count.
     * Without the last one PostgreSQL 17 joins {@code ValuationBenchmark.FLOOR}'s closes by day
     * with a per-row symbol filter (at 1,000 accounts × 252 days some 3 G comparisons: minutes
     * instead of half a minute); the floor is meant to be the best plan of the statement.
     */
    public static long floor(JdbcTemplate jdbc, String sql, Object... args) {
        Long rows = jdbc.execute((ConnectionCallback<Long>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL work_mem = '256MB'");
                    settings.execute("SET LOCAL jit = off");
                    settings.execute("SET LOCAL enable_mergejoin = off");
                }
                long count;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    count = statement.executeLargeUpdate();
                }
                connection.commit();
                return count;
            } catch (RuntimeException | java.sql.SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
        return rows == null ? 0 : rows;
    }
}
