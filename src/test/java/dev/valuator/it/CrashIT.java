package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario 1: {@code kill -9} mid-run, restart, the reaper closes the orphan, the next run succeeds. */
class CrashIT extends ScenarioIT {

    ServiceProcess first;
    ServiceProcess second;

    @Test
    void killDashNineMidRunIsReapedOnRestartAndTheNextRunSucceeds() {
        first = closedAfter(ServiceProcess.start("crash-1", Map.of()));
        Scenario.seedAccount(first);
        Scenario.market(4000); // every Polygon answer takes 4 s: the run sits in its price phase
        String jobId = Scenario.startAsync(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(TestDatabase.status(jobId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestDatabase.lockIsFree());
        await().atMost(Duration.ofSeconds(10)).until(() -> PolygonStandIn.requests() > 0 || fetching(jobId));

        Instant killedAt = Instant.now();
        first.kill();
        assertThat(first.isAlive()).isFalse();
        assertThat(TestDatabase.status(jobId)).isEqualTo("RUNNING"); // nobody closed it: the process just died
        await().atMost(Duration.ofSeconds(10)).until(TestDatabase::lockIsFree);
        Duration lockFreedAfter = Duration.between(killedAt, Instant.now());

        Scenario.market(0);
        Instant restartAt = Instant.now();
        second = closedAfter(ServiceProcess.start("crash-2", Map.of()));
        Duration healthyAfter = Duration.between(restartAt, Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(TestDatabase.status(jobId)));
        Duration reapedAfterKill = Duration.between(killedAt, Instant.now());
        Map<String, Object> orphan = TestDatabase.job(jobId);
        assertThat(orphan.get("error").toString()).startsWith("abandoned");
        assertThat(TestDatabase.lockIsFree()).isTrue();

        HttpResponse<String> next = Scenario.cronCallNow(second);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(next.body()).contains("\"SUCCEEDED\"");
        assertThat(TestDatabase.lockIsFree()).isTrue();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();
        long snapshots = TestDatabase.count("SELECT count(*) FROM portfolio_snapshots");
        assertThat(snapshots)
                .as("the check above is not vacuous: the run materialized snapshots")
                .isPositive();
        assertThat(TestDatabase.jobs("RUNNING")).isZero();
        assertThat(second.logText()).contains("was abandoned");

        Scenario.log(
                "crash",
                "lock free " + lockFreedAfter.toMillis() + " ms after kill -9; restarted service healthy in "
                        + healthyAfter.toMillis() + " ms; orphan FAILED " + reapedAfterKill.toMillis()
                        + " ms after the kill (" + orphan.get("error") + "); next run 200 with " + snapshots
                        + " consistent snapshots");
    }

    /** The service says the run is going on (freshness {@code running}). */
    private boolean fetching(String jobId) {
        return Scenario.get(first, "/api/valuations/refresh").body().contains(jobId);
    }
}
