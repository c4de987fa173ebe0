package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the PostgreSQL cluster restarts while the service idles and while a run is in
 * flight. Uses {@code pg_ctlcluster … restart} where the cluster is local (the project machine);
 * elsewhere (a CI service container) it falls back to terminating every backend of the database
 * and says so. It restarts the shared server twice per run: keep it out of tight loops.
 */
class PostgresRestartIT {

    ServiceProcess service;

    @BeforeEach
    void setUp() {
        Scenario.prepare();
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void restartWhileIdleAndDuringARun() throws Exception {
        service = ServiceProcess.start("postgres-restart", Map.of());
        Scenario.seedAccount(service);
        String how = restartCommand() == null
                ? "pg_ctlcluster unavailable: FALLBACK to terminating every backend of the database"
                : "pg_ctlcluster restart";
        Scenario.log("postgres restart", "method: " + how);

        // --- while idle
        Instant idleRestart = Instant.now();
        Instant idleBack = restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Duration idleHealth = Duration.between(idleBack, Instant.now());
        HttpResponse<String> afterIdle = Scenario.cronCallNow(service);
        Duration idleRun = Duration.between(idleBack, Instant.now());
        assertThat(afterIdle.statusCode()).as(afterIdle.body()).isEqualTo(200);

        // --- during a run
        ItDatabase.forgetMarketData();
        Scenario.market(3000);
        CompletableFuture<HttpResponse<String>> caller = Scenario.cronCall(service, Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(10)).until(() -> ItDatabase.jobs("RUNNING") == 1);
        String jobId = ItDatabase.query("SELECT job_id::text AS id FROM refresh_jobs WHERE status = 'RUNNING'")
                .getFirst()
                .get("id")
                .toString();
        Instant runBack = restart();
        HttpResponse<String> answer = caller.get(90, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.between(runBack, Instant.now());
        assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(500);
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(ItDatabase.status(jobId)));
        Duration closedAfter = Duration.between(runBack, Instant.now());
        Map<String, Object> failed = ItDatabase.job(jobId);
        assertThat(ItDatabase.lockIsFree()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Scenario.market(0);
        HttpResponse<String> next = Scenario.cronCallNow(service);
        Duration runRecovered = Duration.between(runBack, Instant.now());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(runRecovered).isLessThan(Duration.ofMinutes(1));
        assertThat(ItDatabase.jobs("RUNNING")).isZero();
        assertThat(ItDatabase.halfWrittenSnapshots()).isZero();

        Scenario.log(
                "postgres restart",
                "idle: database back " + Duration.between(idleRestart, idleBack).toMillis() + " ms after the restart"
                        + " began, health 200 " + idleHealth.toMillis() + " ms and a run 200 " + idleRun.toMillis()
                        + " ms after it was back; mid-run: caller answered " + answer.statusCode() + " "
                        + answeredAfter.toMillis() + " ms after the database was back, job " + failed.get("status")
                        + " \"" + failed.get("error") + "\" (closed " + closedAfter.toMillis()
                        + " ms after), next run 200 " + runRecovered.toMillis() + " ms after");
    }

    /** Restarts the cluster (or cuts every backend) and returns when the database answers again. */
    private static Instant restart() throws Exception {
        List<String> command = restartCommand();
        if (command == null) {
            int cut = ItDatabase.terminateAllBackendsOfDatabase();
            Scenario.log("postgres restart", "FALLBACK: terminated " + cut + " backends instead of a restart");
        } else {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            Path.of("target", "it-logs", "pg_ctlcluster.log").toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pg_ctlcluster restart did not finish in 2 minutes");
            }
            assertThat(process.exitValue()).as("pg_ctlcluster exit code").isZero();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(ItDatabase::reachable);
        return Instant.now();
    }

    /** {@code pg_ctlcluster <version> main restart} when this machine runs the cluster on port 5432. */
    static List<String> restartCommand() throws IOException {
        Path tool = Path.of("/usr/bin/pg_ctlcluster");
        String url = System.getenv("TEST_DATABASE_URL");
        if (!Files.isExecutable(tool) || url == null || !(url.contains("127.0.0.1") || url.contains("localhost"))) {
            return null;
        }
        Path clusters = Path.of("/etc/postgresql");
        if (!Files.isDirectory(clusters)) {
            return null;
        }
        try (var versions = Files.list(clusters)) {
            String version = versions.map(p -> p.getFileName().toString())
                    .filter(v -> Files.isDirectory(clusters.resolve(v).resolve("main")))
                    .max((x, y) -> Integer.compare(
                            Integer.parseInt(x.replaceAll("\\D", "0")), Integer.parseInt(y.replaceAll("\\D", "0"))))
                    .orElse(null);
            if (version == null) {
                return null;
            }
            return List.of(tool.toString(), "--skip-systemctl-redirect", version, "main", "restart");
        }
    }
}
