package dev.valuator.support;

import dev.valuator.system.database.DatabaseUrl;
import dev.valuator.system.database.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every SQL-touching test runs against, real in every case:
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
 */
public final class TestDatabase {

    private static DatabaseUrl database;
    private static String unavailableReason;

    private TestDatabase() {}

    /** For {@code @EnabledIf}: false (skip) where no database can be had, unless the build requires one. */
    public static boolean available() {
        if (url() != null) {
            return true;
        }
        if (Boolean.getBoolean("valuator.requireDatabase")) {
            throw new IllegalStateException("A database is required here but none is available: " + unavailableReason);
        }
        return false;
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
}
