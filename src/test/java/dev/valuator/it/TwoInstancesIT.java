package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 5: two service processes on one database, both timers firing every 3 s for 36 s (at
 * least ten ticks), plus cron calls to both at once every 3 s, half-way between ticks. Never two
 * runs overlapping in time, at most one run per tick, every conflict a {@code SKIPPED_CONFLICT}
 * row. (It ran at 10 s for two minutes, then 5 s for one: always the same twelve ticks.)
 */
@Tag("soak")
class TwoInstancesIT extends ScenarioIT {

    static final Duration LENGTH = Duration.ofSeconds(36);
    static final int TICK_SECONDS = 3;
    static final JsonMapper JSON = JsonMapper.builder().build();

    ServiceProcess a;
    ServiceProcess b;

    @Test
    void twoInstancesNeverOverlapAndRecordEveryConflict() throws Exception {
        Map<String, String> timer = Map.of(
                "VALUATION_SCHEDULER_ENABLED", "true",
                "VALUATION_SCHEDULE_CRON", "*/" + TICK_SECONDS + " * * * * *",
                "VALUATION_SCHEDULE_TRADING_DAYS_ONLY", "false");
        a = closedAfter(ServiceProcess.launch("two-instances-a", timer));
        b = closedAfter(ServiceProcess.launch("two-instances-b", timer));
        a.awaitHealthy(Duration.ofSeconds(120));
        b.awaitHealthy(Duration.ofSeconds(120));
        Scenario.seedAccount(a);
        Scenario.market(500); // each Polygon answer takes 0.5 s, so runs last long enough to collide
        Instant begin = Instant.now();

        List<CompletableFuture<HttpResponse<String>>> calls = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2)) {
            scheduler.scheduleAtFixedRate(
                    () -> {
                        calls.add(Scenario.cronCall(a, Duration.ofSeconds(60)));
                        calls.add(Scenario.cronCall(b, Duration.ofSeconds(60)));
                    },
                    // half-way between timer ticks, so both the timer's runs and the cron calls'
                    // collisions with each other and with timer runs happen
                    Math.floorMod(TICK_SECONDS * 500L - System.currentTimeMillis(), TICK_SECONDS * 1000L),
                    TICK_SECONDS * 500L,
                    TimeUnit.MILLISECONDS);
            scheduler.schedule(done::countDown, LENGTH.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(done.await(LENGTH.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
            scheduler.shutdownNow();
        }
        // the timers keep ticking until the processes stop: a run the stop interrupts ends FAILED
        // "interrupted by shutdown", truthfully; every run of the scenario's length must succeed
        Instant ended = Instant.now();
        int ok = 0;
        int conflicts = 0;
        List<String> unexpected = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
            JsonNode data = JSON.readTree(response.body()).path("data");
            String jobId = data.path("jobId").asString();
            if (response.statusCode() == 200) {
                ok++;
                assertThat(TestDatabase.status(jobId)).isEqualTo("SUCCEEDED");
            } else if (response.statusCode() == 409) {
                conflicts++;
                assertThat(data.path("status").asString()).isEqualTo("SKIPPED_CONFLICT");
                assertThat(TestDatabase.status(jobId)).isEqualTo("SKIPPED_CONFLICT");
            } else {
                unexpected.add(response.statusCode() + " " + response.body());
            }
        }
        // the timers may still be inside a run that started before the end: let them finish
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestDatabase.jobs("RUNNING") == 0);
        a.close();
        b.close();

        assertThat(unexpected).isEmpty();
        List<Map<String, Object>> runs = TestDatabase.query(
                "SELECT job_id::text AS id, source, status, error, started_at, finished_at FROM refresh_jobs"
                        + " WHERE status <> 'SKIPPED_CONFLICT' ORDER BY started_at");
        List<String> overlaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = ((Timestamp) runs.get(i - 1).get("finished_at")).toInstant();
            Instant start = ((Timestamp) runs.get(i).get("started_at")).toInstant();
            if (start.isBefore(previousEnd)) {
                overlaps.add(runs.get(i - 1).get("id") + " ends " + previousEnd + " after "
                        + runs.get(i).get("id") + " starts " + start);
            }
        }
        assertThat(overlaps).as("runs overlapping in time").isEmpty();
        assertThat(runs)
                .allMatch(run -> "SUCCEEDED".equals(run.get("status"))
                        || ("FAILED".equals(run.get("status"))
                                && "interrupted by shutdown".equals(run.get("error"))
                                && !((Timestamp) run.get("started_at"))
                                        .toInstant()
                                        .isBefore(ended)));

        Map<Long, Long> timerRunsPerTick = runs.stream()
                .filter(run -> "TIMER".equals(run.get("source")))
                .collect(Collectors.groupingBy(
                        run -> ((Timestamp) run.get("started_at")).toInstant().getEpochSecond() / TICK_SECONDS,
                        TreeMap::new,
                        Collectors.counting()));
        assertThat(timerRunsPerTick.values()).allMatch(n -> n == 1);
        Map<Long, Long> timerRowsPerTick =
                TestDatabase.query("SELECT started_at FROM refresh_jobs WHERE source = 'TIMER'").stream()
                        .collect(Collectors.groupingBy(
                                row -> ((Timestamp) row.get("started_at"))
                                                .toInstant()
                                                .getEpochSecond()
                                        / TICK_SECONDS,
                                TreeMap::new,
                                Collectors.counting()));
        assertThat(timerRowsPerTick.values()).as("timer rows per tick").allMatch(n -> n == 1);
        assertThat(timerRowsPerTick.size()).as("ticks that fired").isGreaterThanOrEqualTo(10);
        long cronSkipped = TestDatabase.count(
                "SELECT count(*) FROM refresh_jobs WHERE status = 'SKIPPED_CONFLICT' AND source = 'CRON_HTTP'");
        assertThat(cronSkipped).isEqualTo(conflicts);
        assertThat(TestDatabase.lockIsFree()).isTrue();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        Map<String, Long> bySourceAndStatus = TestDatabase.query(
                        "SELECT source || '/' || status AS k, count(*) AS n FROM refresh_jobs GROUP BY 1 ORDER BY 1")
                .stream()
                .collect(Collectors.toMap(
                        row -> row.get("k").toString(),
                        row -> ((Number) row.get("n")).longValue(),
                        Long::sum,
                        TreeMap::new));
        Scenario.log(
                "two instances",
                Duration.between(begin, Instant.now()).toSeconds() + " s; " + calls.size() + " cron calls: " + ok
                        + " x 200, " + conflicts + " x 409; " + timerRowsPerTick.size() + " timer ticks fired, "
                        + runs.size() + " runs, 0 overlaps; rows " + bySourceAndStatus);
    }
}
