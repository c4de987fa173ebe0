package dev.valuator.support;

import static org.awaitility.Awaitility.await;

import dev.valuator.system.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's {@code pgbouncer} as a process in front of this run's test database
 * ({@link TestDatabase#url()}, whether a server database or an embedded PostgreSQL), on a free
 * loopback port, in the pool mode asked for. PgBouncer refuses to run as root, so under root it
 * runs as {@code postgres} (or {@code nobody}) through {@code setpriv}; its config lives in a temp
 * directory that user can read, its output in {@code target/it-logs/pgbouncer-<name>.log}. It
 * connects to the server as the test database's user; clients log in with {@code auth_type =
 * trust}.
 */
public final class PgBouncer implements AutoCloseable {

    public enum Mode {
        SESSION,
        TRANSACTION,
        STATEMENT
    }

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Mode mode;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path directory;
    private final Path log;
    private final Process process;

    private PgBouncer(
            Mode mode,
            int port,
            String database,
            String user,
            String password,
            Path directory,
            Path log,
            Process process) {
        this.mode = mode;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.log = log;
        this.process = process;
    }

    /** For {@code @EnabledIf}: false (skip) without pgbouncer, unless the build requires a database. */
    public static boolean available() {
        if (binary() != null) {
            return TestDatabase.available();
        }
        if (TestDatabase.required()) {
            throw new IllegalStateException(
                    "pgbouncer is required here but not installed (apt-get install -y pgbouncer; .ci/run does)");
        }
        return false;
    }

    static Path binary() {
        for (Path candidate : BINARIES) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir, "pgbouncer");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Starts PgBouncer in {@code mode} in front of the test database and waits until it listens. */
    public static PgBouncer start(String name, Mode mode) {
        DatabaseUrl target = TestDatabase.url();
        if (target == null) {
            throw new IllegalStateException("no test database");
        }
        URI server = URI.create(target.jdbcUrl().substring("jdbc:".length()));
        String host = server.getHost();
        int serverPort = server.getPort() == -1 ? 5432 : server.getPort();
        String database = server.getPath().substring(1);
        String user = target.username() != null ? target.username() : "postgres";
        String password = target.password();
        int port = freePort();
        try {
            Path directory = Files.createTempDirectory(
                    "valuator-pgbouncer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path users = directory.resolve("users.txt");
            Files.writeString(users, quoted(user) + " \"\"\n");
            Path config = directory.resolve("pgbouncer.ini");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "[databases]",
                            "* = host=" + host + " port=" + serverPort + " user=" + user
                                    + (password == null ? "" : " password=" + password),
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + users,
                            "pool_mode = " + mode.name().toLowerCase(java.util.Locale.ROOT),
                            // pgjdbc sends it at login, and PgBouncer refuses a login with a startup parameter it does
                            // not know
                            "ignore_startup_parameters = extra_float_digits",
                            "max_client_conn = 500",
                            "default_pool_size = 20",
                            ""));
            for (Path file : List.of(users, config)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Path logs = Path.of("target", "it-logs");
            Files.createDirectories(logs);
            Path log = logs.resolve("pgbouncer-" + name + ".log");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                String unprivileged = userExists("postgres") ? "postgres" : "nobody";
                command.addAll(
                        List.of("setpriv", "--reuid=" + unprivileged, "--regid=" + unprivileged, "--init-groups"));
            }
            command.add(binary().toString());
            command.add(config.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            PgBouncer bouncer = new PgBouncer(mode, port, database, user, password, directory, log, process);
            bouncer.awaitListening(Duration.ofSeconds(15));
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ":\n" + logText());
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IllegalStateException e) {
            close();
            throw e;
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    "pgbouncer did not listen on " + port + " within " + atMost + ":\n" + logText());
        }
    }

    public Mode mode() {
        return mode;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the test database through this PgBouncer, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The same place as {@code DATABASE_URL} in the Heroku form ({@code postgres://user:pass@host:port/db}). */
    public String postgresUrl() {
        String credentials = encode(user) + (password == null ? "" : ":" + encode(password));
        return "postgres://" + credentials + "@127.0.0.1:" + port + "/" + database;
    }

    /**
     * As {@link DatabaseUrl}, for the test's own connections: without server-side prepared
     * statements, like the service's pool behind a transaction pooler, so one test's statements
     * cannot collide on a shared server backend with another's.
     */
    public DatabaseUrl url() {
        return new DatabaseUrl(jdbcUrl() + "?prepareThreshold=0", user, password);
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory harms nothing
        }
    }

    @Override
    public String toString() {
        return "PgBouncer[" + mode + " on 127.0.0.1:" + port + ", log " + log + "]";
    }

    private static boolean userExists(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(line -> line.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
