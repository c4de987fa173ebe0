package dev.valuator.it;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DATABASE_URL=embedded}: the packaged jar keeps a PostgreSQL of its own under
 * {@code ./data/postgres} of its working directory; its data survives a restart, and a postmaster
 * left running by a service killed with SIGKILL is stopped by the next start.
 */
class EmbeddedDatabaseIT {

    Path directory;
    ServiceProcess service;

    @BeforeEach
    void setUp() throws IOException {
        TestEnvironment.install(); // the Polygon stand-in the base environment names
        directory = Files.createDirectories(Path.of("target", "it-embedded")).toAbsolutePath();
        delete(directory.resolve("data"));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (service != null) {
            service.close();
        }
        postmaster().ifPresent(ProcessHandle::destroy);
    }

    @Test
    void keepsItsDataAcrossRestartsAndCleansUpAfterAKill() throws Exception {
        service = start("embedded-first");
        assertThat(service.logText())
                .contains("DATABASE_URL=embedded")
                .contains(directory.resolve("data/postgres").toString())
                .contains("not for production");
        assertThat(service.http()
                        .put("/api/accounts/kept", "{\"name\":\"Kept\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        long orphan = postmaster().orElseThrow().pid();

        service.kill();
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                .as("a killed JVM leaves its postmaster running")
                .isPresent();

        service = start("embedded-second");
        assertThat(service.logText()).contains("Stopping the embedded PostgreSQL (pid " + orphan + ")");
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(service.http().get("/api/accounts/kept", admin()).body()).contains("\"name\":\"Kept\"");

        long second = postmaster().orElseThrow().pid();
        service.stop();
        assertThat(service.waitFor(Duration.ofSeconds(60))).isZero();
        // pg_ctl stop returns once the pid file is gone, a moment before the process has exited
        await().atMost(Duration.ofSeconds(10))
                .alias("a graceful stop stops the embedded server")
                .until(() ->
                        ProcessHandle.of(second).filter(ProcessHandle::isAlive).isEmpty());
    }

    private ServiceProcess start(String name) {
        return ServiceProcess.start(name, Map.of("DATABASE_URL", "embedded"), directory);
    }

    /** The postmaster serving this test's data directory, from its pid file. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = directory.resolve("data/postgres/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
