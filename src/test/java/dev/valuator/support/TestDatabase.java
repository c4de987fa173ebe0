package dev.valuator.support;

import dev.valuator.system.database.DatabaseUrl;
import dev.valuator.system.database.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The tests' one database helper: which PostgreSQL a test runs against, and what tests ask of it
 * directly (queries, counts, the refresh lock, job rows). Real PostgreSQL in every case:
 *
 * <ul>
 *   <li>by default an embedded server of this JVM's own (the zonky binaries of the pom's
 *       {@code postgres.binaries.version}), stopped and deleted when the JVM exits;
 *   <li>{@code TEST_DATABASE_URL}: a throwaway database created on that server (dropped when the
 *       JVM exits; advisory locks are per database, so runs never interfere). Nothing here ever
 *       stops or restarts that server;
 *   <li>{@code -Dtest.postgres.image=postgres:16}: a Testcontainers PostgreSQL of that image;
 *   <li>{@code -Dtest.citus.url}: a throwaway database on that Citus coordinator and its workers
 *       ({@link CitusDatabase}).
 * </ul>
 *
 * <p>The query helpers open a fresh connection each call, so they keep working after backends are
 * terminated or the server restarts.
 */
public final class TestDatabase {

    /** The refresh advisory lock's key (the default {@code VALUATION_REFRESH_LOCK_ID}). */
    public static final long LOCK_ID = 482175;

    private static DatabaseUrl database;
    private static String unavailableReason;
    // a scenario's own server (it.OwnServer) while it runs
    private static DatabaseUrl own;

    private TestDatabase() {}

    /** For {@code @EnabledIf}: false (skip) where no database can be had, unless the build requires one. */
    public static boolean available() {
        if (url() != null) {
            return true;
        }
        if (required()) {
            throw new IllegalStateException("A database is required here but none is available: " + unavailableReason);
        }
        return false;
    }

    /** {@code VALUATOR_REQUIRE_DATABASE=true} (set by .ci/run): a missing database fails, never skips. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("VALUATOR_REQUIRE_DATABASE"));
    }

    /** JDBC URL, user and password of this run's database, or null. */
    public static synchronized DatabaseUrl url() {
        if (database == null && unavailableReason == null) {
            try {
                database = create();
            } catch (RuntimeException | SQLException e) {
                unavailableReason = e.getMessage();
            }
        }
        return database;
    }

    public static Connection connect() throws SQLException {
        return connect(url());
    }

    public static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), credentials(url));
    }

    private static DatabaseUrl create() throws SQLException {
        String configured = System.getenv("TEST_DATABASE_URL");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("TEST_DATABASE_URL");
        }
        String citus = System.getProperty("test.citus.url");
        if (citus != null && !citus.isBlank()) {
            return CitusDatabase.create(DatabaseUrl.parse(citus));
        }
        String image = System.getProperty("test.postgres.image");
        if ((configured == null || configured.isBlank()) && image != null && !image.isBlank()) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException(
                        "-Dtest.postgres.image=" + image + " needs Docker, which is not available");
            }
            PostgreSQLContainer container = new PostgreSQLContainer(image);
            container.start();
            return new DatabaseUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        if (configured == null || configured.isBlank()) {
            EmbeddedDatabase server = embedded();
            server.createDatabase("valuator_test");
            return server.url("valuator_test");
        }
        DatabaseUrl server = DatabaseUrl.parse(configured);
        String name = "valuator_test_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), credentials(server));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        DatabaseUrl created =
                new DatabaseUrl(withDatabase(server.jdbcUrl(), name), server.username(), server.password());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name)));
        return created;
    }

    /** A throwaway embedded server tuned for tests (no fsync: its data dies with the JVM anyway). */
    public static EmbeddedDatabase embedded() {
        return EmbeddedDatabase.throwaway(TEST_SERVER_CONFIG, directory -> {});
    }

    public static final Map<String, String> TEST_SERVER_CONFIG =
            Map.of("fsync", "off", "full_page_writes", "off", "synchronous_commit", "off");

    private static void drop(DatabaseUrl server, String name) {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), credentials(server));
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String hostPart = jdbcUrl.substring(0, slash < 0 ? (query < 0 ? jdbcUrl.length() : query) : slash);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return hostPart + "/" + database + params;
    }

    static Properties credentials(DatabaseUrl url) {
        Properties properties = new Properties();
        if (url.username() != null) {
            properties.setProperty("user", url.username());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        return properties;
    }

    /** For the process-level scenarios, which cannot run without a database. */
    public static void require() {
        if (target() == null) {
            throw new IllegalStateException("The scenarios need PostgreSQL; none available: " + unavailableReason);
        }
    }

    /**
     * Points the helpers below and the services started from now on at {@code url} (a scenario's
     * own server); null: back to this run's database.
     */
    public static void use(DatabaseUrl url) {
        own = url;
    }

    /** The database the helpers below query: a scenario's own server while it runs, else this run's. */
    public static DatabaseUrl target() {
        return own != null ? own : url();
    }

    private static Connection connectTarget() throws SQLException {
        return connect(target());
    }

    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection connection = connectTarget();
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

    public static long count(String sql, Object... params) {
        return ((Number) query(sql, params).getFirst().values().iterator().next()).longValue();
    }

    public static void execute(String sql) {
        try (Connection connection = connectTarget();
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
    public static void forgetMarketData() {
        try (Connection connection = connectTarget()) {
            Tables.forgetMarketData(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget the market data: " + e.getMessage(), e);
        }
    }

    /** Whether the database answers at all (false while it restarts). */
    public static boolean reachable() {
        try (Connection connection = connectTarget();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Empties the domain tables (the schema the service migrated stays); no-op before the first start. */
    public static void reset() {
        if (count("SELECT count(*) FROM pg_tables WHERE tablename = 'refresh_jobs'") == 0) {
            return;
        }
        try (Connection connection = connectTarget()) {
            Tables.truncateAll(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the tables: " + e.getMessage(), e);
        }
    }

    /** Backend pids holding the refresh advisory lock in this database. */
    public static List<Integer> lockHolders() {
        return query("""
                        SELECT l.pid FROM pg_locks l
                         WHERE l.locktype = 'advisory' AND l.objid = ? AND l.granted
                           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""", LOCK_ID).stream()
                .map(row -> ((Number) row.get("pid")).intValue())
                .toList();
    }

    public static boolean lockIsFree() {
        return lockHolders().isEmpty();
    }

    /** The service's backends (pool and lock connections) in this database. */
    public static List<Integer> serviceBackends() {
        return query("""
                        SELECT pid FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND application_name IN ('valuator', 'valuator-refresh-lock')""").stream()
                .map(row -> ((Number) row.get("pid")).intValue())
                .toList();
    }

    /** {@code pg_terminate_backend} on every backend of the service; returns how many were cut. */
    public static int terminateServiceBackends() {
        return query("""
                        SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND application_name IN ('valuator', 'valuator-refresh-lock')""").size();
    }

    public static Map<String, Object> job(String jobId) {
        List<Map<String, Object>> rows = query(
                "SELECT job_id::text AS job_id, status, error, duration_ms, source, started_at, finished_at"
                        + " FROM refresh_jobs WHERE job_id = ?::uuid",
                jobId);
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    public static String status(String jobId) {
        Object status = job(jobId).get("status");
        return status == null ? null : status.toString();
    }

    public static long jobs(String status) {
        return count("SELECT count(*) FROM refresh_jobs WHERE status = ?", status);
    }

    /**
     * Snapshots that disagree with their position valuations: a snapshot whose
     * {@code position_count} is not the number of valuation rows of that account and date, or
     * valuation rows without a snapshot. Zero whatever numbers the engine computes, as long as each
     * day's valuations and snapshot are committed together.
     */
    public static long halfWrittenSnapshots() {
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
