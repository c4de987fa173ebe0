package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the PostgreSQL server restarts (a real stop and start of the postmaster) while the
 * service idles and while a run is in flight. The server is the scenario's own ({@link OwnServer}),
 * whatever {@code TEST_DATABASE_URL} says: no test restarts a server it did not start.
 */
@Tag("soak")
class PostgresRestartIT extends OwnServerScenarioIT {

    ServiceProcess service;

    @Test
    void restartWhileIdleAndDuringARun() throws Exception {
        service = closedAfter(ServiceProcess.start("postgres-restart", Map.of()));
        Scenario.seedAccount(service);

        // --- while idle
        Instant idleRestart = Instant.now();
        Instant idleBack = restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Duration idleHealth = Duration.between(idleBack, Instant.now());
        HttpResponse<String> afterIdle = Scenario.cronCallNow(service);
        Duration idleRun = Duration.between(idleBack, Instant.now());
        assertThat(afterIdle.statusCode()).as(afterIdle.body()).isEqualTo(200);

        // --- during a run
        TestDatabase.forgetMarketData();
        Scenario.market(3000);
        CompletableFuture<HttpResponse<String>> caller = Scenario.cronCall(service, Duration.ofSeconds(90));
        String jobId = Scenario.awaitTheRunningJob();
        Instant runBack = restart();
        HttpResponse<String> answer = caller.get(90, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.between(runBack, Instant.now());
        assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(500);
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(TestDatabase.status(jobId)));
        Duration closedAfter = Duration.between(runBack, Instant.now());
        Map<String, Object> failed = TestDatabase.job(jobId);
        assertThat(TestDatabase.lockIsFree()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Scenario.market(0);
        HttpResponse<String> next = Scenario.cronCallNow(service);
        Duration runRecovered = Duration.between(runBack, Instant.now());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(runRecovered).isLessThan(Duration.ofMinutes(1));
        assertThat(TestDatabase.jobs("RUNNING")).isZero();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        Scenario.log(
                "postgres restart",
                "idle: database back " + Duration.between(idleRestart, idleBack).toMillis() + " ms after the restart"
                        + " began, health 200 " + idleHealth.toMillis() + " ms and a run 200 " + idleRun.toMillis()
                        + " ms after it was back; mid-run: caller answered " + answer.statusCode() + " "
                        + answeredAfter.toMillis() + " ms after the database was back, job " + failed.get("status")
                        + " \"" + failed.get("error") + "\" (closed " + closedAfter.toMillis()
                        + " ms after), next run 200 " + runRecovered.toMillis() + " ms after");
    }

    /** Restarts the scenario's server and returns when the database answers again. */
    private Instant restart() {
        database.restart();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(TestDatabase::reachable);
        return Instant.now();
    }
}
