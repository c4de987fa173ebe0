package dev.valuator.it;

import static org.awaitility.Awaitility.await;

import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code java -jar target/valuator.jar}) started as a separate operating-system
 * process, configured by environment variables only (docs/api.md), listening on a free loopback
 * port, its output in
 * {@code target/it-logs/<name>.log}. {@link #stop()} sends SIGTERM, {@link #kill()} SIGKILL;
 * {@link #close()} makes sure nothing outlives the test.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Instant startedAt;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedAt = Instant.now();
    }

    /** The environment every scenario starts from; callers override single values. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", TestEnvironment.jdbcUrlWithCredentials(TestDatabase.target()));
        env.put("POLYGON_BASE_URL", PolygonStandIn.baseUrl());
        env.put("POLYGON_API_KEY", TestEnvironment.POLYGON_KEY);
        env.put("POLYGON_RATE_LIMIT_PER_MINUTE", "0");
        env.put("VALUATION_REFRESH_CRON_SECRET", TestEnvironment.CRON_SECRET);
        env.put("VALUATION_ADMIN_TOKEN", TestEnvironment.ADMIN_TOKEN);
        env.put("VALUATION_SCHEDULER_ENABLED", "false");
        env.put("VALUATION_SHUTDOWN_TIMEOUT", "PT20S");
        return env;
    }

    /** Starts the jar with the base environment plus {@code overrides} and waits until it is healthy. */
    static ServiceProcess start(String name, Map<String, String> overrides) {
        return start(name, overrides, null);
    }

    /** As above, the process running in {@code workingDirectory} (null: this JVM's). */
    static ServiceProcess start(String name, Map<String, String> overrides, Path workingDirectory) {
        ServiceProcess service = launch(name, overrides, workingDirectory);
        try {
            service.awaitHealthy(Duration.ofSeconds(120));
        } catch (RuntimeException | AssertionError e) {
            service.close();
            throw new AssertionError(
                    "Service " + name + " did not become healthy; log tail:\n" + service.logTail(60), e);
        }
        return service;
    }

    /** Starts the jar without waiting for it (for scenarios that expect it to fail, or start several). */
    static ServiceProcess launch(String name, Map<String, String> overrides) {
        return launch(name, overrides, null);
    }

    static ServiceProcess launch(String name, Map<String, String> overrides, Path workingDirectory) {
        Path jar = packagedJar();
        int port = freePort();
        Path logs = Path.of("target", "it-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = logs.resolve(name + ".log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx384m", "-XX:+ExitOnOutOfMemoryError"));
        String workingDir = System.getProperty("ot.epg.working-dir");
        if (workingDir != null) {
            command.add("-Dot.epg.working-dir=" + workingDir); // a DATABASE_URL=embedded service, noexec /tmp
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Map<String, String> env = builder.environment();
        // only what the service needs: nothing of the test JVM's environment leaks in
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        if (home != null) {
            env.put("HOME", home);
        }
        env.put("LANG", "C.UTF-8");
        env.putAll(baseEnvironment());
        env.put("PORT", String.valueOf(port));
        env.putAll(overrides);
        try {
            Files.writeString(
                    log,
                    "=== " + Instant.now() + " starting " + name + " on port " + port + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process process = builder.start();
            return new ServiceProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path packagedJar() {
        Path jar = Path.of(System.getProperty("valuator.jar", "target/valuator.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged jar " + jar + " does not exist; run ./mvnw package first");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitHealthy(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Service " + name + " exited with " + process.exitValue());
            }
            return healthStatus() == 200;
        });
    }

    /** The status of {@code GET /actuator/health}, or -1 when nothing answers. */
    int healthStatus() {
        return healthStatus("/actuator/health");
    }

    /** The status of a health path ({@code /actuator/health/refresh}, …), or -1 when nothing answers. */
    int healthStatus(String path) {
        try {
            HttpResponse<Void> response = PROBE.send(
                    HttpRequest.newBuilder(URI.create(base() + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Http http() {
        return new Http(port);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** SIGTERM: the graceful stop. */
    void stop() {
        process.destroy();
    }

    /** SIGKILL ({@code kill -9}): the process dies at once, nothing of it runs any more. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** Waits for the process to exit; returns its exit code, or null if it is still running. */
    Integer waitFor(Duration atMost) {
        try {
            if (process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The log of this process's start only: the file keeps earlier starts' above their markers. */
    String logOfThisStart() {
        String all = logText();
        return all.substring(Math.max(0, all.lastIndexOf("=== ")));
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (waitFor(Duration.ofSeconds(30)) == null) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ", port " + port + ", log " + log + ")";
    }
}
