package dev.valuator.refresh;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.Ledgers;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The public refresh answers: no account ids for anonymous callers, and no flood of them drains the pool. */
@ValuatorTest
class PublicAnswersTests extends RunningService {

    static final String ACCOUNT = "client-secret-7";
    static final String JOBS = "/api/valuations/refresh/jobs";

    @Test
    void anonymousAnswersNameNoAccountTheAdminTokenSeesThemWhole() {
        clock.set(Instant.parse("2026-02-10T15:00:00Z"));
        Ledgers.anAccountHoldingApple(http, ACCOUNT);
        PolygonStandIn.market(0, clock, "AAPL");
        var run = http.post("/api/valuations/refresh", "{\"accountId\":\"" + ACCOUNT + "\"}", admin(json()));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        // with prices stored, an import values its account at once: a job of its own
        var imported = http.post(
                "/api/accounts/" + ACCOUNT + "/trades",
                "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-06\",\"side\":\"BUY\","
                        + "\"quantity\":1,\"price\":91}]}",
                admin(json()));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_jobs WHERE source = 'IMPORT'", Long.class))
                .isEqualTo(1);
        String jobId = run.json().path("data").path("jobId").asString();

        for (String path : List.of(JOBS, JOBS + "?limit=100", JOBS + "/" + jobId, "/api/valuations/refresh")) {
            var anonymous = http.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(anonymous.body()).as(path).doesNotContain(ACCOUNT);
            var whole = http.get(path, admin());
            assertThat(whole.status()).as(path).isEqualTo(200);
            assertThat(whole.body()).as(path).contains(ACCOUNT);
        }
        var list = http.get(JOBS).json().path("data");
        assertThat(list).hasSize(2);
        list.forEach(job ->
                assertThat(job.path("request").path("accountId").asString()).isEqualTo("(redacted)"));
        // with the cron secret: still not the admin token, still redacted
        assertThat(http.get(JOBS, "x-cron-secret", dev.valuator.support.TestEnvironment.CRON_SECRET)
                        .body())
                .doesNotContain(ACCOUNT);
    }

    @Test
    void aFloodOfAnonymousJobListsLeavesReadinessAndManualRunsWorking() throws Exception {
        clock.set(Instant.parse("2026-02-10T15:00:00Z"));
        Ledgers.anAccountHoldingApple(http, "acc-1");
        PolygonStandIn.market(0, clock, "AAPL");
        Instant start = Instant.parse("2026-02-09T15:00:00Z");
        for (int i = 0; i < 100; i++) {
            Instant at = start.plusSeconds(60L * i);
            jdbc.update("""
                    INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms)
                    VALUES (?, 'SCHEDULED', 'CRON_HTTP', 'SUCCEEDED', ?, ?, 1000)""", UUID.randomUUID(), Timestamp.from(at), Timestamp.from(at.plusSeconds(1)));
        }

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger busyWithoutRetryAfter = new AtomicInteger();
        Map<String, Integer> clientErrors = new ConcurrentHashMap<>();
        // the callers' own client: on two busy cores, 300 connections opened at once may take
        // longer than the shared client's 5 s to be accepted; that would be the client giving up
        HttpClient patient = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest jobs = HttpRequest.newBuilder(URI.create("http://localhost:" + port + JOBS + "?limit=100"))
                .timeout(Duration.ofSeconds(60))
                .build();
        CountDownLatch underWay = new CountDownLatch(100);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Integer> readiness = new ArrayList<>();
        AtomicLong slowestReadinessMs = new AtomicLong();
        Http.Response manual;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> flood = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                flood.add(callers.submit(() -> {
                    while (System.nanoTime() < until) {
                        int status;
                        try {
                            var answer = http.get(JOBS + "?limit=100");
                            status = answer.status();
                            if ((status == 503 || status == 429) && answer.header("Retry-After") == null) {
                                busyWithoutRetryAfter.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            status = -1;
                            clientErrors.merge(
                                    e.getCause() == null
                                            ? e.toString()
                                            : e.getCause().toString(),
                                    1,
                                    Integer::sum);
                        }
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        underWay.countDown();
                    }
                }));
            }
            // once the flood is under way, a manual run through it, and readiness probed until it ends
            Future<Http.Response> run = callers.submit(() -> {
                underWay.await();
                return http.post("/api/valuations/refresh", "{}", admin(json()));
            });
            while (System.nanoTime() < until) {
                long before = System.nanoTime();
                readiness.add(http.get("/actuator/health/readiness").status());
                slowestReadinessMs.accumulateAndGet((System.nanoTime() - before) / 1_000_000, Math::max);
            }
            for (Future<?> caller : flood) {
                caller.get();
            }
            manual = run.get();
        }
        System.out.printf(
                "flood: answers by status %s (client errors %s), readiness %d probes (slowest %d ms), manual run %d%n",
                statuses, clientErrors, readiness.size(), slowestReadinessMs.get(), manual.status());
        assertThat(statuses)
                .as("answers by status; client errors " + clientErrors)
                .doesNotContainKeys(500, -1);
        assertThat(statuses.get(200)).isNotNull();
        assertThat(busyWithoutRetryAfter).hasValue(0);
        assertThat(readiness).isNotEmpty().containsOnly(200);
        assertThat(manual.status()).as(manual.body()).isIn(200, 409);
    }
}
