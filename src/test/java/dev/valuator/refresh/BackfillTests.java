package dev.valuator.refresh;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.valuator.ValuatorApplication;
import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The first backfill on the free tier at a scaled pace: 5 calls per tenth of a second (70 ms
 * apart with the pacer's margin, as 12.05 s apart on the real tier), each run capped at
 * {@value #MAX_CALLS} calls ({@code VALUATION_REFRESH_MAX_CALLS}; the deadline's budget is the same
 * mechanism, measured in time — RefreshLimitsTests). A ledger of {@value #SYMBOLS} symbols held for
 * three months (about 63 sessions, fewer than the symbols, so grouped-daily is the cheaper plan)
 * needs one grouped-daily call per session plus one or two for closures and splits: more than four
 * runs' budget and less than five's, so five runs complete it. The same shape as the real first
 * backfill (505 symbols, two years, 102 calls a run), scaled down eightfold.
 */
@ValuatorTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "POLYGON_RATE_LIMIT_PER_MINUTE=5",
            "valuator.polygon.rate-period=PT0.1S",
            "VALUATION_REFRESH_MAX_CALLS=" + BackfillTests.MAX_CALLS,
            "VALUATION_REFRESH_MAX_RUNTIME=PT3M"
        })
class BackfillTests extends RunningService {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final int SYMBOLS = 80;
    static final int MAX_CALLS = 15;
    static final String GROUPED = "/v2/aggs/grouped/locale/us/market/stocks/";

    LocalDate lastSession;
    LocalDate firstTrade;
    String[] symbols;
    int weekdays;

    @BeforeEach
    void aThreeMonthLedgerOfManySymbols() {
        // a Tuesday morning in New York: Monday's session is final, today's has not happened
        Instant now = LocalDate.of(2026, 12, 1).atTime(9, 0).atZone(NEW_YORK).toInstant();
        clock.setTicking(now);
        lastSession = LocalDate.ofInstant(now, NEW_YORK).minusDays(1);
        firstTrade = lastSession.minusMonths(3).plusDays(3);
        while (firstTrade.getDayOfWeek() == DayOfWeek.SATURDAY || firstTrade.getDayOfWeek() == DayOfWeek.SUNDAY) {
            firstTrade = firstTrade.plusDays(1);
        }
        weekdays = (int) firstTrade
                .datesUntil(lastSession.plusDays(1))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                .count();
        assertThat(weekdays).as("fewer sessions than symbols").isLessThan(SYMBOLS);
        assertThat(weekdays).as("more calls than four runs' budget").isGreaterThan(4 * MAX_CALLS);
        assertThat(weekdays + 2).as("fewer calls than five runs' budget").isLessThanOrEqualTo(5 * MAX_CALLS);
        symbols = new String[SYMBOLS];
        StringBuilder trades = new StringBuilder();
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = "S" + String.format("%04d", i);
            trades.append(i == 0 ? "" : ",")
                    .append("{\"symbol\":\"")
                    .append(symbols[i])
                    .append("\",\"tradeDate\":\"")
                    .append(firstTrade)
                    .append("\",\"side\":\"BUY\",\"quantity\":")
                    .append(1 + i % 7)
                    .append(",\"price\":")
                    .append(90 + i % 13)
                    .append("}");
        }
        assertThat(http.put("/api/accounts/big", "{\"name\":\"Big\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        // the market first: the import asks the stand-in for the symbols' splits, whatever the class
        // before left stubbed
        PolygonStandIn.market(0, firstTrade, lastSession, symbols);
        var imported = http.post("/api/accounts/big/trades", "{\"trades\":[" + trades + "]}", admin(json()));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    JsonNode cron() {
        var response = http.post(
                "/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("data");
    }

    @Test
    void budgetedRunsCompleteTheBackfillWithoutRepeatingACallAndEqualOneLongRun() {
        List<JsonNode> runs = new ArrayList<>();
        JsonNode run = cron();
        runs.add(run);
        JsonNode remaining = run.path("price").path("remaining");
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(remaining.isObject())
                .as("the first run leaves work: %s", run)
                .isTrue();
        int firstPlan = run.path("price").path("apiCalls").asInt()
                + remaining.path("calls").asInt();
        // one per session: every weekday but the few NYSE holidays of the window
        assertThat(firstPlan).as("calls of the whole backfill").isGreaterThan(weekdays - 3);
        assertThat(run.path("price").path("plan").asString()).isEqualTo("GROUPED_DAILY");
        assertThat(remaining.path("estimatedMinutes").asLong()).isPositive();
        assertThat(run.path("price").path("apiCalls").asInt()).isEqualTo(MAX_CALLS);

        // no snapshot past the last complete date, and none wrong before it
        LocalDate completeThrough =
                LocalDate.parse(remaining.path("pricesCompleteThrough").asString());
        assertThat(latestSnapshot()).isEqualTo(completeThrough);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots WHERE partial", Long.class))
                .isZero();

        var alerts =
                http.get("/api/valuations/refresh/alerts").json().path("data").path("alert");
        assertThat(alerts.path("level").asString()).isEqualTo("OK");
        assertThat(alerts.path("reasons").toString()).contains("Backfill in progress: ");

        while (runs.getLast().path("price").path("remaining").isObject() && runs.size() < 8) {
            runs.add(cron());
            assertThat(runs.getLast().path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
            if (runs.size() == 3) {
                var third = http.get("/api/valuations/refresh/alerts")
                        .json()
                        .path("data")
                        .path("alert");
                assertThat(third.path("level").asString()).isEqualTo("OK");
                assertThat(third.path("reasons").toString()).contains("Backfill in progress: ");
            }
        }
        assertThat(runs.getLast().path("price").has("remaining")).isFalse();
        System.out.println("[backfill] " + firstPlan + " calls in " + runs.size() + " runs: "
                + runs.stream()
                        .map(r -> r.path("price").path("apiCalls").asString())
                        .toList());
        assertThat(runs).as("runs to complete the backfill").hasSize(5);
        assertThat(latestSnapshot()).isEqualTo(lastSession);

        // every grouped-daily date asked for exactly once across all runs
        Map<String, Long> perDate = PolygonStandIn.server().getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(r -> r.getUrl().split("\\?")[0])
                .filter(url -> url.startsWith(GROUPED))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perDate).hasSizeGreaterThan(weekdays - 3);
        assertThat(perDate.values()).containsOnly(1L);
        var report =
                http.get("/api/valuations/refresh/alerts").json().path("data").path("alert");
        assertThat(report.path("reasons").toString()).doesNotContain("Backfill");

        // one long run over the same market: forget the valuations and value everything at once
        List<Map<String, Object>> budgeted = snapshots();
        List<Map<String, Object>> budgetedPositions = positions();
        jdbc.update("DELETE FROM position_valuations");
        jdbc.update("DELETE FROM portfolio_snapshots");
        jdbc.update("UPDATE accounts SET snapshots_stale_from = ?", firstTrade);
        JsonNode single = cron();
        assertThat(single.path("price").path("apiCalls").asInt()).isLessThanOrEqualTo(1);
        assertThat(single.path("valuation").path("snapshotsUpserted").asInt()).isEqualTo(budgeted.size());
        assertThat(snapshots()).isEqualTo(budgeted);
        assertThat(positions()).isEqualTo(budgetedPositions);
    }

    @Test
    void progressAdvancesAsAnotherInstanceSeesIt() {
        // the other instance is up before the run starts; 400 ms an answer spreads the run's
        // calls over some 7 s, long enough to watch its progress row (written once a second)
        // advance at least three times, as the 102 paced calls of the full-size backfill did
        PolygonStandIn.market(400, firstTrade, lastSession, symbols);
        String jobId = null;
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(ValuatorApplication.class)
                .run("--server.port=0", "--valuator.schedule.enabled=false")) {
            int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
            Http second = new Http(otherPort);
            var started = http.post(
                    "/api/valuations/refresh/scheduled",
                    "{}",
                    json("x-cron-secret", TestEnvironment.CRON_SECRET, "Prefer", "respond-async"));
            assertThat(started.status()).isEqualTo(202);
            String id = started.json().path("data").path("jobId").asString();
            jobId = id;
            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        JsonNode job = second.get("/api/valuations/refresh/jobs/" + id)
                                .json()
                                .path("data");
                        JsonNode progress = job.path("progress");
                        // the row has zero figures from its first moment; the plan's come once it is made
                        if ("RUNNING".equals(job.path("status").asString())
                                && progress.path("callsPlanned").asInt() > 0) {
                            seen.add(progress);
                        }
                        return seen.stream()
                                        .map(p -> p.path("callsDone").asInt())
                                        .distinct()
                                        .count()
                                >= 3;
                    });
            assertThat(seen).extracting(p -> p.path("callsDone").asInt()).isSorted();
            assertThat(seen).allSatisfy(p -> {
                assertThat(p.path("phase").asString()).isEqualTo("PRICES");
                assertThat(p.path("callsPlanned").asInt()).isGreaterThan(weekdays - 3);
                assertThat(p.path("etaSeconds").asLong()).isPositive();
                assertThat(p.path("datesMissing").asInt()).isPositive();
            });
            JsonNode running =
                    second.get("/api/valuations/refresh").json().path("data").path("running");
            assertThat(running.path("progress").isObject()).isTrue();
        } finally {
            // a run left going would fetch from the stand-in the next test resets
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM refresh_jobs WHERE status = 'RUNNING'", Long.class)
                            == 0);
        }
        JsonNode finished =
                http.get("/api/valuations/refresh/jobs/" + jobId).json().path("data");
        assertThat(finished.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("progress").path("callsDone").asInt()).isEqualTo(MAX_CALLS);
    }

    LocalDate latestSnapshot() {
        return jdbc.queryForObject("SELECT max(snapshot_date) FROM portfolio_snapshots", LocalDate.class);
    }

    List<Map<String, Object>> snapshots() {
        return jdbc.queryForList("""
                SELECT account_id, snapshot_date, total_value, total_cost, total_pnl, pnl_percent, position_count,
                       priced_position_count, partial
                  FROM portfolio_snapshots ORDER BY account_id, snapshot_date""");
    }

    List<Map<String, Object>> positions() {
        return jdbc.queryForList("""
                SELECT account_id, valuation_date, symbol, quantity, cost_basis, close_price, price_date,
                       market_value, unrealized_pnl
                  FROM position_valuations ORDER BY account_id, valuation_date, symbol""");
    }
}
