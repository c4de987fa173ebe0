package dev.valuator.refresh;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Http;
import dev.valuator.support.Ledgers;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The runbook's endpoints over real HTTP, against real PostgreSQL and the Polygon stand-in. */
@ValuatorTest
class RefreshApiTests extends RunningService {

    static final String SCHEDULED = "/api/valuations/refresh/scheduled";
    static final String MANUAL = "/api/valuations/refresh";
    static final String SECRET = TestEnvironment.CRON_SECRET;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-02-10T15:00:00Z")); // Tuesday 10:00 New York
        Ledgers.anAccountHoldingApple(http, "acc-1");
        PolygonStandIn.market(0, clock, "AAPL");
    }

    long jobRows() {
        return jdbc.queryForObject("SELECT count(*) FROM refresh_jobs", Long.class);
    }

    double lockAttempts() {
        return meters.counter("valuator.refresh.lock.attempts").count();
    }

    @Test
    void theRunbookCurlsWorkVerbatim() {
        // curl -sS -X POST "http://localhost:3000/api/valuations/refresh/scheduled" \
        //   -H "content-type: application/json" -H "x-cron-secret: ${VALUATION_REFRESH_CRON_SECRET}" \
        //   -d '{"from":"2026-01-01","to":"2026-01-31"}'
        var run = http.post(
                SCHEDULED,
                "{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}",
                "content-type",
                "application/json",
                "x-cron-secret",
                SECRET);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode data = run.json().path("data");
        assertThat(data.path("jobId").asString()).matches("[0-9a-f-]{36}");
        assertThat(data.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(data.path("price").path("plan").asString()).isIn("PER_SYMBOL", "GROUPED_DAILY", "MIXED", "NONE");
        assertThat(data.path("price").has("apiCalls")).isTrue();
        assertThat(data.path("valuation").has("snapshotsUpserted")).isTrue();

        // curl -sS "http://localhost:3000/api/valuations/refresh/jobs?limit=10"
        var jobs = http.get("/api/valuations/refresh/jobs?limit=10");
        assertThat(jobs.status()).isEqualTo(200);
        JsonNode job = jobs.json().path("data").get(0);
        assertThat(job.path("jobId").asString()).isEqualTo(data.path("jobId").asString());
        assertThat(job.path("trigger").asString()).isEqualTo("SCHEDULED");
        assertThat(job.path("source").asString()).isEqualTo("CRON_HTTP");
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("request").path("from").asString()).isEqualTo("2026-01-01");
        assertThat(job.path("request").path("to").asString()).isEqualTo("2026-01-31");
        assertThat(job.path("startedAt").asString()).endsWith("Z");
        assertThat(job.path("finishedAt").asString()).endsWith("Z");
        assertThat(job.path("durationMs").isNumber()).isTrue();
        assertThat(job.path("price").path("symbolsRequested").asInt()).isEqualTo(1);
        assertThat(jobs.json().path("pagination").path("limit").asInt()).isEqualTo(10);
        assertThat(jobs.json().path("pagination").path("total").asInt()).isEqualTo(1);

        var one = http.get("/api/valuations/refresh/jobs/" + data.path("jobId").asString());
        assertThat(one.json().path("data").path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aHundredThousandSymbolsAreRefusedWhileBinding() {
        // each one malformed too (lower case): validating them one by one is what must not happen
        StringBuilder symbols = new StringBuilder("{\"symbols\": [");
        for (int i = 0; i < 100_000; i++) {
            symbols.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        String body = symbols.append("]}").toString();
        http.post(SCHEDULED, "{\"symbols\": [\"AAPL\"]}", json("x-cron-secret", SECRET)); // warm
        long started = System.nanoTime();
        var response = http.post(SCHEDULED, body, json("x-cron-secret", SECRET));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(millis).isLessThan(1_000);
        JsonNode details = response.json().path("details");
        assertThat(details.size()).isLessThanOrEqualTo(50);
        assertThat(details.get(0).path("field").asString()).isEqualTo("symbols");
        assertThat(details.get(0).path("message").asString()).isEqualTo("must hold 1-500 symbols");
        System.out.println("100,000 symbols: 400 in " + millis + " ms, " + details.size() + " details");
    }

    @Test
    void cronSecretMatrix() {
        double attempts = lockAttempts();
        String wrongSameLength = "x".repeat(SECRET.length());
        List<String[]> rejected = List.of(
                new String[] {},
                new String[] {"x-cron-secret", ""},
                new String[] {"x-cron-secret", wrongSameLength},
                new String[] {"x-cron-secret", "short"},
                new String[] {"x-cron-secret", SECRET.substring(0, SECRET.length() - 1)},
                new String[] {"x-cron-secret", SECRET + "x"},
                new String[] {"Authorization", "Bearer " + wrongSameLength},
                new String[] {"Authorization", SECRET});
        for (String[] headers : rejected) {
            var response = http.post(SCHEDULED, "{}", json(headers));
            assertThat(response.status()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(response.json().path("error").asString()).startsWith("Unauthorized");
        }
        assertThat(http.post(SCHEDULED + "?x-cron-secret=" + SECRET, "{}", json())
                        .status())
                .isEqualTo(401);
        assertThat(http.post(SCHEDULED + "?secret=" + SECRET, "{}", json()).status())
                .isEqualTo(401);
        assertThat(jobRows()).isZero();
        assertThat(PolygonStandIn.requests()).isZero();
        assertThat(lockAttempts()).isEqualTo(attempts);

        assertThat(http.post(SCHEDULED, "{}", json("Authorization", "Bearer " + SECRET))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(SCHEDULED, "{}", json("x-cron-secret", TestEnvironment.PREVIOUS_CRON_SECRET))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(SCHEDULED, null, "x-cron-secret", SECRET).status()).isEqualTo(200);
        assertThat(jobRows()).isEqualTo(3);
    }

    @Test
    void adminTokenMatrixOnTheManualEndpoint() {
        double attempts = lockAttempts();
        String token = TestEnvironment.ADMIN_TOKEN;
        for (String[] headers : List.of(
                new String[] {},
                new String[] {"Authorization", ""},
                new String[] {"Authorization", "Bearer " + "y".repeat(token.length())},
                new String[] {"Authorization", "Bearer short"},
                new String[] {"Authorization", "Bearer " + token.substring(0, token.length() - 1)},
                new String[] {"Authorization", token},
                new String[] {"x-cron-secret", SECRET})) {
            assertThat(http.post(MANUAL, "{}", json(headers)).status()).isEqualTo(401);
        }
        assertThat(http.post(MANUAL + "?token=" + token, "{}", json()).status()).isEqualTo(401);
        assertThat(jobRows()).isZero();
        assertThat(PolygonStandIn.requests()).isZero();
        assertThat(lockAttempts()).isEqualTo(attempts);

        var run = http.post(MANUAL, "{}", admin(json()));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(http.get("/api/valuations/refresh/jobs?trigger=MANUAL")
                        .json()
                        .path("data")
                        .get(0)
                        .path("source")
                        .asString())
                .isEqualTo("MANUAL_HTTP");
    }

    @Test
    void badPayloadsAre400AndRecordNothing() {
        StringBuilder many = new StringBuilder("{\"symbols\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        many.append("]}");
        List<String> bodies = List.of(
                "{\"from\": ",
                "{\"symbols\": \"AAPL\"}",
                "{\"from\": 20260101}",
                "{\"accountId\": 7}",
                "{\"form\": \"2026-01-01\"}",
                "{\"from\": \"2026-02-30\"}",
                "{\"from\": \"01/02/2026\"}",
                "{\"from\": [2026, 1, 5]}",
                "{\"to\": 1767571200000}",
                "{\"from\": \"2026-01-31\", \"to\": \"2026-01-01\"}",
                "{\"to\": \"2026-02-11\"}",
                "{\"from\": \"2020-01-01\", \"to\": \"2026-01-01\"}",
                many.toString(),
                "{\"symbols\": []}",
                "{\"symbols\": [\"aapl\"]}",
                "{\"symbols\": [\"AAPL\", \"TOOLONGSYMBOLNAME1\"]}",
                "{\"accountId\": \"bad id!\"}",
                "{\"accountId\": \"nobody\"}",
                "[]",
                "\"text\"");
        for (String body : bodies) {
            var response = http.post(SCHEDULED, body, json("x-cron-secret", SECRET));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").asString()).as(body).isNotBlank();
        }
        var unknown = http.post(SCHEDULED, "{\"form\": \"2026-01-01\"}", json("x-cron-secret", SECRET));
        assertThat(unknown.json().path("details").get(0).path("field").asString())
                .isEqualTo("form");
        var future = http.post(SCHEDULED, "{\"to\": \"2026-02-11\"}", json("x-cron-secret", SECRET));
        assertThat(future.json().path("details").get(0).path("field").asString())
                .isEqualTo("to");
        assertThat(jobRows()).isZero();
        assertThat(PolygonStandIn.requests()).isZero();
    }

    @Test
    void everyBrokenRuleOfTheWindowIsNamedInTheFieldsOrder() {
        var response = http.post(
                SCHEDULED,
                "{\"accountId\": \"nobody\", \"from\": \"2026-02-12\", \"to\": \"2026-02-11\"}",
                json("x-cron-secret", SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asString()).isEqualTo("Invalid refresh request");
        assertThat(details(response))
                .containsExactly(
                        "accountId: unknown account nobody",
                        "to: must not be after today (2026-02-10 in New York)",
                        "from: must not be after today (2026-02-10 in New York)",
                        "from: must not be after to");
        var wide = http.post(
                SCHEDULED, "{\"from\": \"2026-02-11\", \"to\": \"2028-03-01\"}", json("x-cron-secret", SECRET));
        assertThat(details(wide))
                .containsExactly(
                        "to: must not be after today (2026-02-10 in New York)",
                        "from: must not be after today (2026-02-10 in New York)",
                        "from: the range may span at most VALUATION_MAX_BACKFILL_DAYS = 730 days");
        assertThat(jobRows()).isZero();
    }

    static List<String> details(Http.Response response) {
        List<String> details = new ArrayList<>();
        response.json()
                .path("details")
                .forEach(d -> details.add(
                        d.path("field").asString() + ": " + d.path("message").asString()));
        return details;
    }

    @Test
    void badJobsQueriesAre400() {
        for (String query : List.of(
                "limit=0",
                "limit=101",
                "limit=abc",
                "offset=-1",
                "offset=x",
                "status=DONE",
                "status=running",
                "trigger=CRON",
                "limit=1.5")) {
            var response = http.get("/api/valuations/refresh/jobs?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("error").asString()).isNotBlank();
        }
        assertThat(http.get("/api/valuations/refresh/jobs/not-a-uuid").status()).isEqualTo(400);
        assertThat(http.get("/api/valuations/refresh/jobs/" + java.util.UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void jobsListFiltersAndPagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(http.post(SCHEDULED, "{}", json("x-cron-secret", SECRET)).status())
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(http.post(MANUAL, "{}", admin(json())).status()).isEqualTo(200);
        var page = http.get("/api/valuations/refresh/jobs?limit=2&offset=1").json();
        assertThat(page.path("data")).hasSize(2);
        assertThat(page.path("pagination").path("total").asInt()).isEqualTo(4);
        assertThat(page.path("data").get(0).path("trigger").asString()).isEqualTo("SCHEDULED");
        var all = http.get("/api/valuations/refresh/jobs").json().path("data");
        assertThat(all.get(0).path("trigger").asString()).isEqualTo("MANUAL");
        assertThat(Instant.parse(all.get(0).path("startedAt").asString()))
                .isAfter(Instant.parse(all.get(1).path("startedAt").asString()));
        assertThat(http.get("/api/valuations/refresh/jobs?trigger=SCHEDULED&status=SUCCEEDED")
                        .json()
                        .path("pagination")
                        .path("total")
                        .asInt())
                .isEqualTo(3);
        assertThat(http.get("/api/valuations/refresh/jobs?status=FAILED").json().path("data"))
                .isEmpty();
    }

    @Test
    void aProviderFailingEveryCallEndsFailedAndFreesTheLock() {
        PolygonStandIn.failing(500, "oops, not json");
        var failed = http.post(SCHEDULED, "{}", json("x-cron-secret", SECRET));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("error").asString()).isNotBlank();
        assertThat(failed.json().path("data").path("status").asString()).isEqualTo("FAILED");
        String jobId = failed.json().path("data").path("jobId").asString();
        assertThat(jobId).isNotBlank();
        await().atMost(Duration.ofSeconds(1)).until(this::lockIsFree);
        var row = http.get("/api/valuations/refresh/jobs/" + jobId).json().path("data");
        assertThat(row.path("status").asString()).isEqualTo("FAILED");
        assertThat(row.path("error").asString()).isNotBlank();
        // the first call retries (4 attempts); once it gave up, later calls of the run try once
        // (splits, dividends, bars)
        assertThat(row.path("price").path("apiCalls").asInt()).isBetween(4, 7);

        PolygonStandIn.market(0, clock, "AAPL");
        assertThat(http.post(SCHEDULED, "{}", json("x-cron-secret", SECRET)).status())
                .isEqualTo(200);
    }

    @Test
    void respondAsyncAnswers202AtOnceAndFinishesLater() {
        PolygonStandIn.market(300, clock, "AAPL");
        var accepted = http.post(SCHEDULED, "{}", json("x-cron-secret", SECRET, "Prefer", "respond-async"));
        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.json().path("data").path("jobId").asString();
        assertThat(accepted.json().path("data").path("status").asString()).isEqualTo("RUNNING");
        assertThat(accepted.header("Location")).isEqualTo("/api/valuations/refresh/jobs/" + jobId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/valuations/refresh/jobs/" + jobId)
                        .json()
                        .path("data")
                        .path("status")
                        .asString()
                        .equals("SUCCEEDED"));
    }

    @Test
    void freshnessReportsTheLastRun() {
        var empty = http.get(MANUAL).json().path("data");
        assertThat(empty.has("lastPriceFetchedAt")).isTrue();
        assertThat(empty.path("running").isNull()).isTrue();
        assertThat(empty.path("lastSucceeded").isNull()).isTrue();
        assertThat(empty.path("nextScheduledAt").asString()).isEqualTo("2026-02-10T15:30:00Z");
        assertThat(http.post(SCHEDULED, "{}", json("x-cron-secret", SECRET)).status())
                .isEqualTo(200);
        var after = http.get(MANUAL).json().path("data");
        assertThat(after.path("lastSucceeded").path("status").asString()).isEqualTo("SUCCEEDED");
    }
}
