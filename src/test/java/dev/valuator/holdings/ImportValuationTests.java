package dev.valuator.holdings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.support.Http;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real NVDA ledger across its 10-for-1 split of 2024-06-10 imports in one request, and an
 * import values its account at once from stored prices when no refresh holds the lock.
 */
@ValuatorTest
class ImportValuationTests extends RunningService {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String LEDGER = """
            {"trades": [
              {"symbol": "NVDA", "tradeDate": "2024-05-20", "side": "BUY", "quantity": 3, "price": 900},
              {"symbol": "NVDA", "tradeDate": "2024-06-20", "side": "SELL", "quantity": 10, "price": 130.78}
            ]}""";

    /** Unadjusted NVDA closes the stand-in serves (only these sessions, so only these snapshots). */
    static final Map<LocalDate, String> CLOSES = new LinkedHashMap<>();

    static {
        CLOSES.put(LocalDate.of(2024, 5, 20), "947.80");
        CLOSES.put(LocalDate.of(2024, 6, 7), "1208.88");
        CLOSES.put(LocalDate.of(2024, 6, 10), "121.79");
        CLOSES.put(LocalDate.of(2024, 6, 20), "130.78");
        CLOSES.put(LocalDate.of(2024, 6, 21), "126.57");
        CLOSES.put(LocalDate.of(2024, 6, 24), "118.11");
    }

    /**
     * Worked by hand. BUY 3 at 900: quantity 3, basis 2700. The split turns 3 into 30 (basis
     * unchanged). The SELL of 10 of 30 removes a third of the basis: 20 left at 1800.
     * date: quantity × close = value; value − basis = pnl; pnl / basis × 100 (6 places)
     */
    static final List<String[]> EXPECTED = List.of(
            // 3 × 947.80 = 2843.40; − 2700 = 143.40; 5.311111
            new String[] {"2024-05-20", "2843.40", "2700", "143.40", "5.311111"},
            // 3 × 1208.88 = 3626.64; 926.64; 34.32
            new String[] {"2024-06-07", "3626.64", "2700", "926.64", "34.32"},
            // split: 30 × 121.79 = 3653.70; 953.70; 35.322222
            new String[] {"2024-06-10", "3653.70", "2700", "953.70", "35.322222"},
            // after the SELL: 20 × 130.78 = 2615.60; − 1800 = 815.60; 45.311111
            new String[] {"2024-06-20", "2615.60", "1800", "815.60", "45.311111"},
            // 20 × 126.57 = 2531.40; 731.40; 40.633333
            new String[] {"2024-06-21", "2531.40", "1800", "731.40", "40.633333"},
            // 20 × 118.11 = 2362.20; 562.20; 31.233333
            new String[] {"2024-06-24", "2362.20", "1800", "562.20", "31.233333"});

    WireMockServer polygon = PolygonStandIn.server();

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2024-06-24T21:00:00Z")); // Monday 17:00 New York, after the close
        polygon.resetAll();
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/dividends")).willReturn(okJson(PolygonJson.dividends())));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits"))
                .willReturn(okJson(PolygonJson.splits(
                        new PolygonJson.Split("E1d1e4f3a", "NVDA", LocalDate.of(2024, 6, 10), 1, 10)))));
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        CLOSES.forEach((date, close) -> bars.put(date, PolygonJson.Bar.flat(new BigDecimal(close))));
        polygon.stubFor(get(urlPathMatching("/v2/aggs/ticker/NVDA/range/1/day/.*"))
                .willReturn(okJson(PolygonJson.range("NVDA", bars))));
        assertThat(http.put("/api/accounts/nvda", "{\"name\":\"NVDA\"}", admin(json()))
                        .status())
                .isEqualTo(200);
    }

    Http.Response importLedger() {
        return http.post("/api/accounts/nvda/trades", LEDGER, admin(json()));
    }

    Http.Response refresh(String body) {
        return http.post("/api/valuations/refresh", body, admin(json()));
    }

    /** NVDA's bars stored by a run asking for the symbol explicitly, before any account holds it. */
    void storeNvdaPrices() {
        var run = refresh("{\"symbols\":[\"NVDA\"],\"from\":\"2024-05-20\",\"to\":\"2024-06-24\"}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE symbol = 'NVDA'", Integer.class))
                .isEqualTo(CLOSES.size());
        polygon.resetRequests();
    }

    void assertSnapshotsMatchTheHandComputation() {
        JsonNode snapshots = http.get("/api/accounts/nvda/snapshots?from=2024-05-01&to=2024-06-30", admin())
                .json()
                .path("data");
        assertThat(snapshots).hasSize(EXPECTED.size());
        for (int i = 0; i < EXPECTED.size(); i++) {
            String[] expected = EXPECTED.get(i);
            JsonNode snapshot = snapshots.get(i);
            assertThat(snapshot.path("date").asString()).isEqualTo(expected[0]);
            assertThat(snapshot.path("totalValue").decimalValue())
                    .as(expected[0])
                    .isEqualByComparingTo(expected[1]);
            assertThat(snapshot.path("totalCost").decimalValue())
                    .as(expected[0])
                    .isEqualByComparingTo(expected[2]);
            assertThat(snapshot.path("totalPnl").decimalValue()).as(expected[0]).isEqualByComparingTo(expected[3]);
            assertThat(snapshot.path("pnlPercent").decimalValue())
                    .as(expected[0])
                    .isEqualByComparingTo(expected[4]);
            assertThat(snapshot.path("positionCount").asInt()).isEqualTo(1);
            assertThat(snapshot.path("partial").asBoolean()).isFalse();
        }
    }

    @Test
    void theNvdaLedgerImportsInOneRequestAndItsSnapshotsAcrossTheSplitMatchAHandComputation() {
        var imported = importLedger();

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("data").path("inserted").asInt()).isEqualTo(2);
        // no price of NVDA stored yet: nothing to value from, the next run values it
        assertThat(imported.json().path("data").path("valued").asBoolean()).isFalse();
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/splits"))))
                .singleElement()
                .satisfies(r -> assertThat(r.queryParameter("ticker.any_of").firstValue())
                        .isEqualTo("NVDA"));

        var run = refresh("{\"accountId\":\"nvda\"}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertSnapshotsMatchTheHandComputation();
        JsonNode valuation = http.get("/api/accounts/nvda/valuations?date=2024-06-21", admin())
                .json()
                .path("data")
                .path("positions")
                .get(0);
        assertThat(valuation.path("quantity").decimalValue()).isEqualByComparingTo("20");
    }

    @Test
    void aSellBeyondTheHoldingAfterEverySplitIsStillRefused() {
        var oversold = http.post(
                "/api/accounts/nvda/trades", LEDGER.replace("\"quantity\": 10", "\"quantity\": 31"), admin(json()));
        assertThat(oversold.status()).isEqualTo(400);
        assertThat(oversold.body()).contains("SELL exceeds the quantity held: NVDA position would be -1 on 2024-06-20");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trades", Integer.class))
                .isZero();
    }

    @Test
    void aProviderThatCannotBeReachedIsARetryable503AndNothingIsStored() {
        polygon.resetAll();
        polygon.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"ERROR\",\"error\":\"Service Unavailable\"}")));

        var refused = importLedger();

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        String error = refused.json().path("error").asString();
        assertThat(error)
                .startsWith("Polygon could not be asked for the splits of NVDA")
                .contains("Polygon server error (503)")
                .contains("Nothing was stored")
                .doesNotContain("SELL beyond")
                .doesNotContain("exceeds");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trades", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM split_fetches", Integer.class))
                .isZero();
    }

    void providerDown() {
        polygon.resetAll();
        polygon.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"ERROR\",\"error\":\"Service Unavailable\"}")));
    }

    @Test
    void anUploadWithoutSellsIsStoredWhileTheProviderIsDown() {
        providerDown();

        var stored = http.post(
                "/api/accounts/nvda/trades",
                "symbol,tradeDate,side,quantity,price,fees,externalId\n"
                        + "NVDA,2024-05-20,BUY,3,900,,b1\n"
                        + "AMD,2024-05-21,BUY,5,160.5,1,b2\n",
                admin("Content-Type", "text/csv"));

        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().path("data").path("inserted").asInt()).isEqualTo(2);
        JsonNode listed = http.get("/api/accounts/nvda/trades", admin()).json().path("data");
        assertThat(listed).hasSize(2);
        assertThat(polygon.findAll(getRequestedFor(urlPathMatching("/stocks/v1/splits.*"))))
                .isEmpty();

        // a SELL of a symbol whose splits were never read cannot be judged: 503, nothing stored
        var refused = http.post(
                "/api/accounts/nvda/trades",
                "symbol,tradeDate,side,quantity,price,fees,externalId\n"
                        + "NVDA,2024-05-22,BUY,1,900,,b3\n"
                        + "TSLA,2024-05-22,SELL,1,180,,s1\n",
                admin("Content-Type", "text/csv"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.json().path("error").asString())
                .contains("splits of TSLA")
                .doesNotContain("NVDA");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trades", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void aSellOfASymbolWhoseSplitsWereReadBeforeIsJudgedByThemWhileTheProviderIsDown() {
        storeNvdaPrices(); // reads NVDA's splits (the 10-for-1 of 2024-06-10)
        jdbc.update("UPDATE split_fetches SET fetched_on = fetched_on - 3"); // not today's: due again
        providerDown();

        var imported = importLedger();

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("data").path("inserted").asInt()).isEqualTo(2);
        assertSnapshotsMatchTheHandComputation();
    }

    @Test
    void anImportIntoANewAccountAnswersWithItsSnapshotsReadableWhenPricesAreStored() {
        storeNvdaPrices();

        var imported = importLedger();

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("data").path("valued").asBoolean()).isTrue();
        assertSnapshotsMatchTheHandComputation();
        // from stored prices and splits (the run above read NVDA's today): no provider call at all
        assertThat(polygon.getAllServeEvents()).isEmpty();
        // the clock stands still, so both jobs started at the same instant: pick the import's
        JsonNode job = null;
        for (JsonNode row :
                http.get("/api/valuations/refresh/jobs", admin()).json().path("data")) {
            if (!row.path("source").asString().equals("MANUAL_HTTP")) {
                assertThat(job).isNull();
                job = row;
            }
        }
        assertThat(job).isNotNull();
        assertThat(job.path("source").asString()).isEqualTo("IMPORT");
        assertThat(job.path("trigger").asString()).isEqualTo("MANUAL");
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("request").path("accountId").asString()).isEqualTo("nvda");
        assertThat(job.path("price").path("apiCalls").asInt()).isZero();
        assertThat(job.path("valuation").path("snapshotsUpserted").asInt()).isEqualTo(EXPECTED.size());
        assertThat(jdbc.queryForObject(
                        "SELECT snapshots_stale_from IS NULL FROM accounts WHERE account_id = 'nvda'", Boolean.class))
                .isTrue();
    }

    @Test
    void anImportsValuationNeitherMasksFailingRefreshesNorCountsAsOne() {
        storeNvdaPrices();
        Instant run = Instant.parse("2024-06-24T21:00:00Z");
        for (int i = 1; i <= 3; i++) {
            jdbc.update(
                    """
                    INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms,
                                              error)
                    VALUES (?, 'SCHEDULED', 'CRON_HTTP', 'FAILED', ?, ?, 1000, 'Polygon server error (503)')""",
                    UUID.randomUUID(),
                    Timestamp.from(run.plusSeconds(60L * i)),
                    Timestamp.from(run.plusSeconds(60L * i + 1)));
        }
        clock.set(run.plusSeconds(600));

        var imported = importLedger();

        assertThat(imported.json().path("data").path("valued").asBoolean()).isTrue();
        JsonNode report =
                http.get("/api/valuations/refresh/alerts", admin()).json().path("data");
        assertThat(report.path("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(report.path("alert").path("level").asString()).isEqualTo("CRITICAL");
        JsonNode freshness = http.get("/api/valuations/refresh", admin()).json().path("data");
        assertThat(freshness.path("lastSucceeded").path("source").asString()).isEqualTo("MANUAL_HTTP");
    }

    @Test
    void withTheLockHeldTheImportStoresTheTradesAndLeavesTheAccountToTheNextRun() throws Exception {
        storeNvdaPrices();
        long jobsBefore = jdbc.queryForObject("SELECT count(*) FROM refresh_jobs", Long.class);

        try (Connection holder = TestDatabase.connect();
                Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(482175)");

            var imported = importLedger();

            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(imported.json().path("data").path("inserted").asInt()).isEqualTo(2);
            assertThat(imported.json().path("data").path("valued").asBoolean()).isFalse();
            statement.execute("SELECT pg_advisory_unlock(482175)");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trades", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_jobs", Long.class))
                .isEqualTo(jobsBefore);
        assertThat(http.get("/api/accounts/nvda/snapshots", admin()).json().path("data"))
                .isEmpty();

        assertThat(refresh("{}").status()).isEqualTo(200);
        assertSnapshotsMatchTheHandComputation();
    }
}
