package dev.valuator.refresh;

import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Ledgers;
import dev.valuator.support.LockSwitch;
import dev.valuator.support.Overlap;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Exclusion under contention, the negative control, and fencing when the lock's backend dies. */
@ValuatorTest
class RefreshConcurrencyTests extends RunningService {

    static final String SCHEDULED = "/api/valuations/refresh/scheduled";

    @Autowired
    LockSwitch.Switch lock;

    @BeforeEach
    void setUp() {
        Ledgers.anAccountHoldingApple(http, "acc-1");
    }

    List<Integer> concurrentPosts(int callers) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(callers);
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return http.post(SCHEDULED, "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET))
                            .status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    long rows(String status) {
        return jdbc.queryForObject("SELECT count(*) FROM refresh_jobs WHERE status = ?", Long.class, status);
    }

    @Test
    void fiftyConcurrentCronPostsMakeExactlyOneRun() throws Exception {
        PolygonStandIn.market(1500, clock, "AAPL");
        List<Integer> statuses = concurrentPosts(50);

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        assertThat(rows("SUCCEEDED")).isEqualTo(1);
        assertThat(rows("SKIPPED_CONFLICT")).isEqualTo(49);
        int apiCalls = jdbc.queryForObject(
                "SELECT (price->>'apiCalls')::int FROM refresh_jobs WHERE status = 'SUCCEEDED'", Integer.class);
        assertThat(PolygonStandIn.requests()).isEqualTo(apiCalls);
        String running =
                jdbc.queryForObject("SELECT job_id::text FROM refresh_jobs WHERE status = 'SUCCEEDED'", String.class);
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT running_job_id::text FROM refresh_jobs WHERE status = 'SKIPPED_CONFLICT'",
                        String.class))
                .containsExactly(running);
        assertThat(lockIsFree()).isTrue();
    }

    @Test
    void negativeControlWithoutTheLockRunsOverlap() throws Exception {
        PolygonStandIn.market(1000, clock, "AAPL");
        lock.exclusive(false);
        try {
            concurrentPosts(5);
        } finally {
            lock.exclusive(true);
        }
        List<Instant[]> runs = jdbc.query(
                "SELECT started_at, finished_at FROM refresh_jobs WHERE status IN ('SUCCEEDED', 'FAILED')",
                (rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()
                });
        assertThat(runs).hasSizeGreaterThan(1);
        assertThat(Overlap.any(runs)).as("without the lock, runs overlap").isTrue();
    }

    @Test
    void killingTheLockHoldersBackendFailsTheRunAndCommitsNothing() {
        PolygonStandIn.market(2000, clock, "AAPL");
        var accepted = http.post(
                SCHEDULED, "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET, "Prefer", "respond-async"));
        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.json().path("data").path("jobId").asString();
        Integer pid = jdbc.queryForObject(
                "SELECT lock_backend_pid FROM refresh_jobs WHERE job_id = ?::uuid", Integer.class, jobId);
        OffsetDateTime killedAt = jdbc.queryForObject("SELECT clock_timestamp()", OffsetDateTime.class);
        assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid))
                .isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED"
                        .equals(jdbc.queryForObject(
                                "SELECT status FROM refresh_jobs WHERE job_id = ?::uuid", String.class, jobId)));
        assertThat(jdbc.queryForObject("SELECT error FROM refresh_jobs WHERE job_id = ?::uuid", String.class, jobId))
                .isNotBlank();
        // timestamptz against timestamptz: no bar written since the kill, and none at all (the tables were empty)
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM daily_prices WHERE fetched_at >= ?::timestamptz", Long.class, killedAt))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots", Long.class))
                .isZero();
        assertThat(lockIsFree()).isTrue();

        PolygonStandIn.market(0, clock, "AAPL");
        assertThat(http.post(SCHEDULED, "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET))
                        .status())
                .isEqualTo(200);
    }
}
