package dev.valuator.refresh;

import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.refresh.run.RunWatchdog;
import dev.valuator.support.Ledgers;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** No zombie rows: the reaper closes abandoned runs, never live ones; retention deletes old rows. */
@ValuatorTest
class RunWatchdogTests extends RunningService {

    @Autowired
    RunWatchdog watchdog;

    @BeforeEach
    void setUp() {
        Ledgers.anAccountHoldingApple(http, "acc-1");
    }

    String status(String jobId) {
        return jdbc.queryForObject("SELECT status FROM refresh_jobs WHERE job_id = ?::uuid", String.class, jobId);
    }

    String startSlowRun() {
        PolygonStandIn.market(1500, clock, "AAPL");
        var accepted = http.post(
                "/api/valuations/refresh/scheduled",
                "{}",
                json("x-cron-secret", TestEnvironment.CRON_SECRET, "Prefer", "respond-async"));
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.json().path("data").path("jobId").asString();
    }

    @Test
    void closesARunningRowWhoseLockNoBackendHolds() {
        UUID orphan = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, lock_backend_pid)
                VALUES (?, 'SCHEDULED', 'TIMER', 'RUNNING', now() - interval '3 minutes', 2147000000)""", orphan);
        assertThat(watchdog.reapAbandoned()).containsExactly(orphan);
        assertThat(status(orphan.toString())).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT error FROM refresh_jobs WHERE job_id = ?", String.class, orphan))
                .startsWith("abandoned:")
                .contains("found at ");
        assertThat(jdbc.queryForObject(
                        "SELECT finished_at IS NOT NULL FROM refresh_jobs WHERE job_id = ?", Boolean.class, orphan))
                .isTrue();
    }

    @Test
    void leavesALiveSlowRunAlone() {
        String jobId = startSlowRun();
        assertThat(watchdog.reapAbandoned()).isEmpty();
        assertThat(status(jobId)).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(60)).until(() -> !status(jobId).equals("RUNNING"));
        assertThat(status(jobId)).isEqualTo("SUCCEEDED");
    }

    @Test
    void aReapedRunThatLaterFinishesCannotOverwriteItsRow() {
        String jobId = startSlowRun();
        jdbc.update(
                "UPDATE refresh_jobs SET status = 'FAILED', finished_at = now(), error = 'abandoned: test' WHERE job_id = ?::uuid",
                jobId);
        await().atMost(Duration.ofSeconds(60)).until(this::lockIsFree);
        assertThat(status(jobId)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT error FROM refresh_jobs WHERE job_id = ?::uuid", String.class, jobId))
                .isEqualTo("abandoned: test");
    }

    @Test
    void retentionDeletesOnlyOldFinishedRows() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        for (Object[] row : new Object[][] {{"SUCCEEDED", 91}, {"FAILED", 120}, {"SUCCEEDED", 89}, {"RUNNING", 100}}) {
            jdbc.update("""
                    INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, lock_backend_pid)
                    VALUES (?, 'SCHEDULED', 'TIMER', ?, ?, pg_backend_pid())""", UUID.randomUUID(), row[0], Timestamp.from(now.minus((Integer) row[1], ChronoUnit.DAYS)));
        }
        assertThat(watchdog.purgeOldJobs()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT status FROM refresh_jobs ORDER BY status", String.class))
                .containsExactly("RUNNING", "SUCCEEDED");
    }
}
