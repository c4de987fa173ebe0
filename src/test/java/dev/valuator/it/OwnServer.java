package dev.valuator.it;

import dev.valuator.support.TestDatabase;
import dev.valuator.system.database.DatabaseUrl;
import dev.valuator.system.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL that a scenario starts, restarts and cuts itself: the only kind of
 * server a test may stop or terminate backends of (never the one of {@code TEST_DATABASE_URL},
 * never a system cluster). Same data directory and port across restarts, so the service's
 * {@code DATABASE_URL} stays valid; while it is open, {@link TestDatabase} and new services use it.
 */
final class OwnServer implements AutoCloseable {

    static final String DATABASE = "valuator_it";

    private final Path directory;
    private final int port;
    private final Thread stopOnExit;
    private EmbeddedDatabase server;

    private OwnServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        this.server = EmbeddedDatabase.persistent(directory, port, TestDatabase.TEST_SERVER_CONFIG);
        this.stopOnExit = new Thread(this::stopQuietly);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static OwnServer start() {
        // under target/, not the shared working directory: another JVM's orphan clean-up there must
        // never see this directory in the moment a restart has released its lock
        OwnServer own = new OwnServer(
                Path.of("target", "it-postgres", "it-" + UUID.randomUUID()).toAbsolutePath(),
                ServiceProcess.freePort());
        own.server.createDatabase(DATABASE);
        TestDatabase.use(own.url());
        return own;
    }

    DatabaseUrl url() {
        return server.url(DATABASE);
    }

    /** Stops the server (fast shutdown: every client is disconnected) and starts it again. */
    void restart() {
        server.close();
        server = EmbeddedDatabase.persistent(directory, port, TestDatabase.TEST_SERVER_CONFIG);
    }

    @Override
    public void close() {
        TestDatabase.use(null);
        stopQuietly();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopQuietly() {
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("Could not stop the scenario's PostgreSQL: " + e);
        }
    }
}
