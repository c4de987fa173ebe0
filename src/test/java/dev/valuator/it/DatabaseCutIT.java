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
 * Scenario 2: every backend of the service terminated, mid-run and idle; it reconnects by itself.
 * The backends are cut on the scenario's own server ({@link OwnServer}), never on a shared one.
 */
@Tag("soak")
class DatabaseCutIT extends OwnServerScenarioIT {

    ServiceProcess service;

    @Test
    void connectionsCutDuringARunAndWhileIdle() throws Exception {
        service = closedAfter(ServiceProcess.start("database-cut", Map.of()));
        Scenario.seedAccount(service);

        // --- during a run
        Scenario.market(3000);
        CompletableFuture<HttpResponse<String>> caller = Scenario.cronCall(service, Duration.ofSeconds(90));
        String jobId = Scenario.awaitTheRunningJob();
        Instant cut = Instant.now();
        int cutBackends = TestDatabase.terminateServiceBackends();
        assertThat(cutBackends).isGreaterThanOrEqualTo(2); // the pool and the lock connection
        HttpResponse<String> answer = caller.get(90, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.between(cut, Instant.now());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(70)).until(() -> "FAILED".equals(TestDatabase.status(jobId)));
        Map<String, Object> failed = TestDatabase.job(jobId);
        assertThat(TestDatabase.lockIsFree()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Scenario.market(0);
        HttpResponse<String> next = Scenario.cronCallNow(service);
        Duration runRecovered = Duration.between(cut, Instant.now());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        // --- while idle
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !TestDatabase.serviceBackends().isEmpty());
        Instant idleCut = Instant.now();
        int idleBackends = TestDatabase.terminateServiceBackends();
        await().atMost(Duration.ofSeconds(60)).until(() -> service.healthStatus() == 200);
        Duration healthAfterIdleCut = Duration.between(idleCut, Instant.now());
        HttpResponse<String> afterIdle = Scenario.cronCallNow(service);
        Duration idleRecovered = Duration.between(idleCut, Instant.now());
        assertThat(afterIdle.statusCode()).as(afterIdle.body()).isEqualTo(200);
        assertThat(TestDatabase.lockIsFree()).isTrue();
        assertThat(TestDatabase.jobs("RUNNING")).isZero();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        Scenario.log(
                "database cut",
                "mid-run: " + cutBackends + " backends cut, caller answered " + answer.statusCode() + " after "
                        + answeredAfter.toMillis() + " ms, job " + failed.get("status") + " \"" + failed.get("error")
                        + "\", next run 200 " + runRecovered.toMillis() + " ms after the cut; idle: " + idleBackends
                        + " backends cut, health 200 after " + healthAfterIdleCut.toMillis()
                        + " ms, next run 200 after "
                        + idleRecovered.toMillis() + " ms");
    }
}
