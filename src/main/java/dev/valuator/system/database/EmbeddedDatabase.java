package dev.valuator.system.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real PostgreSQL server run from the binaries on the classpath (zonky): the service's own under
 * {@code ./data/postgres} for {@code DATABASE_URL=embedded}, or a throwaway one. As root
 * it runs initdb and the postmaster through {@code unshare -U} by itself.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The value of {@code DATABASE_URL} that asks for the service's own server. */
    public static final String REQUEST = "embedded";

    public static final String SUPERUSER = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server on {@code dataDirectory}, kept across restarts (initdb on first use), on {@code port}
     * (0: any free port). A postmaster left running on that directory by a JVM that was killed is
     * stopped first; one still owned by a live process is an error, never touched. The caller
     * stops it ({@link #close()}).
     */
    public static EmbeddedDatabase persistent(Path dataDirectory, int port, Map<String, String> serverConfig) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            OrphanedServers.release(directory, true);
            return start(builder -> {
                builder.setDataDirectory(directory.toFile())
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false);
                if (port > 0) {
                    builder.setPort(port);
                }
                serverConfig.forEach(builder::setServerConfig);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * A server in a fresh directory ({@code <tmp>/epg…}), deleted on {@link #close()}. Orphans of
     * killed JVMs there and in zonky's working directory are stopped and removed first.
     */
    public static EmbeddedDatabase throwaway(Map<String, String> serverConfig, Consumer<Path> customizer) {
        OrphanedServers.sweep(Path.of(System.getProperty("java.io.tmpdir")));
        OrphanedServers.sweep(workingDirectory());
        return start(builder -> {
            serverConfig.forEach(builder::setServerConfig);
            builder.setDataDirectoryCustomizer(directory -> customizer.accept(directory.toPath()));
        });
    }

    private static EmbeddedDatabase start(Consumer<EmbeddedPostgres.Builder> configuration) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(STARTUP_WAIT);
        configuration.accept(builder);
        try {
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's JDBC location of {@code database} on this server (trust authentication). */
    public DatabaseUrl url(String database) {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + port() + "/" + database, SUPERUSER, null);
    }

    /** The server's version, e.g. {@code 17.11}. */
    public String version() {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database).jdbcUrl(), SUPERUSER, null);
    }

    /** Stops the server (fast shutdown); a persistent one keeps its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path workingDirectory() {
        return Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }
}
