package dev.valuator.it;

import dev.valuator.support.TestDatabase;
import dev.valuator.system.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test's own view of this run's database. Every call opens a fresh connection, so the
 * helpers keep working after backends are terminated or the cluster restarts.
 */
final class ItDatabase {

    static final long LOCK_ID = 482175;

    // a scenario's own server (OwnServer) while it runs, else this run's database
    private static DatabaseUrl own;

    private ItDatabase() {}

    static void require() {
        if (target() == null) {
            throw new IllegalStateException("The resilience suite needs PostgreSQL; none available");
        }
    }

    /** Points the helpers and the services started from now on at {@code url}; null: back to this run's database. */
    static void use(DatabaseUrl url) {
        own = url;
    }

    static DatabaseUrl target() {
        return own != null ? own : TestDatabase.url();
    }

    private static Connection connect() throws SQLException {
        return TestDatabase.connect(target());
    }

    static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            if (statement.execute()) {
                try (ResultSet rs = statement.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.put(meta.getColumnLabel(c), rs.getObject(c));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String sql, Object... params) {
        return ((Number) query(sql, params).getFirst().values().iterator().next()).longValue();
    }

    static void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets stored bars and fetch coverage: a run after bars have settled needs no Polygon call
     * at all, so a scenario that wants a slow run in flight must make the data missing again.
     */
    static void forgetMarketData() {
        execute(
                "TRUNCATE daily_prices, split_events, split_fetches, grouped_fetches, symbol_fetches, provider_fetches");
    }

    /** Whether the database answers at all (false while it restarts). */
    static boolean reachable() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Empties the domain tables (the schema the service migrated stays); no-op before the first start. */
    static void reset() {
        if (count("SELECT count(*) FROM pg_tables WHERE tablename = 'refresh_jobs'") == 0) {
            return;
        }
        execute("""
                TRUNCATE accounts, trades, daily_prices, split_events, split_fetches, market_closures,
                         grouped_fetches, symbol_fetches, provider_fetches, position_valuations,
                         portfolio_snapshots, refresh_jobs RESTART IDENTITY CASCADE""");
        execute("UPDATE shedlock SET lock_until = timestamp '2000-01-01'");
        execute("""
                UPDATE freshness SET last_price_fetched_at = NULL, latest_price_date = NULL,
                       last_valuation_materialized_at = NULL, latest_snapshot_date = NULL""");
    }

    /** Backend pids holding the refresh advisory lock in this database. */
    static List<Integer> lockHolders() {
        return query("""
                        SELECT l.pid FROM pg_locks l
                         WHERE l.locktype = 'advisory' AND l.objid = ? AND l.granted
                           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""", LOCK_ID).stream()
                .map(row -> ((Number) row.get("pid")).intValue())
                .toList();
    }

    static boolean lockIsFree() {
        return lockHolders().isEmpty();
    }

    /** The service's backends (pool and lock connections) in this database. */
    static List<Integer> serviceBackends() {
        return query("""
                        SELECT pid FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND application_name IN ('valuator', 'valuator-refresh-lock')""").stream()
                .map(row -> ((Number) row.get("pid")).intValue())
                .toList();
    }

    /** {@code pg_terminate_backend} on every backend of the service; returns how many were cut. */
    static int terminateServiceBackends() {
        return query("""
                        SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND application_name IN ('valuator', 'valuator-refresh-lock')""").size();
    }

    static Map<String, Object> job(String jobId) {
        List<Map<String, Object>> rows = query(
                "SELECT job_id::text AS job_id, status, error, duration_ms, source, started_at, finished_at"
                        + " FROM refresh_jobs WHERE job_id = ?::uuid",
                jobId);
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    static String status(String jobId) {
        Object status = job(jobId).get("status");
        return status == null ? null : status.toString();
    }

    static long jobs(String status) {
        return count("SELECT count(*) FROM refresh_jobs WHERE status = ?", status);
    }

    /**
     * Snapshots that disagree with their position valuations: a snapshot whose
     * {@code position_count} is not the number of valuation rows of that account and date, or
     * valuation rows without a snapshot. Zero whatever numbers the engine computes, as long as each
     * day's valuations and snapshot are committed together.
     */
    static long halfWrittenSnapshots() {
        return count("""
                SELECT (SELECT count(*) FROM portfolio_snapshots s
                         WHERE s.position_count <> (SELECT count(*) FROM position_valuations v
                                                     WHERE v.account_id = s.account_id
                                                       AND v.valuation_date = s.snapshot_date))
                     + (SELECT count(*) FROM (SELECT DISTINCT account_id, valuation_date FROM position_valuations) v
                         WHERE NOT EXISTS (SELECT 1 FROM portfolio_snapshots s
                                            WHERE s.account_id = v.account_id
                                              AND s.snapshot_date = v.valuation_date))""");
    }
}
