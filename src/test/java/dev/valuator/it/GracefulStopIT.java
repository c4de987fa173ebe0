package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scenario 6: SIGTERM during a run answers the caller, closes the job, frees the lock, exits 0 in time. */
@Tag("soak")
class GracefulStopIT extends ScenarioIT {

    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    ServiceProcess service;

    @Test
    void sigtermDuringARunAnswersTheCallerAndExitsZero() throws Exception {
        service = closedAfter(ServiceProcess.start(
                "graceful-stop", Map.of("VALUATION_SHUTDOWN_TIMEOUT", "PT" + SHUTDOWN_TIMEOUT.toSeconds() + "S")));
        Scenario.seedAccount(service);
        Scenario.market(4000);
        CompletableFuture<HttpResponse<String>> caller = Scenario.cronCall(service, Duration.ofSeconds(60));
        String jobId = Scenario.awaitTheRunningJob();

        Instant sigterm = Instant.now();
        service.stop();
        HttpResponse<String> answer = caller.get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Duration answeredAfter = Duration.between(sigterm, Instant.now());
        Integer exit = service.waitFor(SHUTDOWN_TIMEOUT.plusSeconds(5));
        Duration exitedAfter = Duration.between(sigterm, Instant.now());

        assertThat(exit)
                .as("exit code within the shutdown timeout; log:\n" + service.logTail(40))
                .isEqualTo(0);
        assertThat(exitedAfter).isLessThan(SHUTDOWN_TIMEOUT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        assertThat(answer.body()).contains("interrupted by shutdown").contains(jobId);
        Map<String, Object> job = TestDatabase.job(jobId);
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("error")).isEqualTo("interrupted by shutdown");
        assertThat(TestDatabase.lockIsFree()).isTrue();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        Scenario.log(
                "graceful stop",
                "caller answered " + answer.statusCode() + " " + answeredAfter.toMillis() + " ms after SIGTERM; exit "
                        + exit + " after " + exitedAfter.toMillis() + " ms (timeout " + SHUTDOWN_TIMEOUT.toSeconds()
                        + " s); job " + job.get("status") + " \"" + job.get("error") + "\"");
    }
}
