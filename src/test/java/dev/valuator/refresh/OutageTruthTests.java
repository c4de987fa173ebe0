package dev.valuator.refresh;

import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Holdings;
import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * An outage is never a success: with always-refreshed symbols that have nothing due and a call
 * budget (five calls: the failing once-a-day reads of closures and splits use it up before any
 * price is asked for), a provider failing every call still fails every run, the alert turns CRITICAL and the
 * refresh verdict DOWN; a run that leaves some symbols unpriced succeeds and warns, naming them.
 */
@ValuatorTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"VALUATION_ALWAYS_REFRESH_SYMBOLS=COST,NFLX", "VALUATION_REFRESH_MAX_CALLS=5"})
class OutageTruthTests extends RunningService {

    static final String[] HELD = {"AAPL", "AMZN", "GOOG", "META", "MSFT"};
    static final String[] ALWAYS = {"COST", "NFLX"};
    /** Wednesday 10:00 New York: Tuesday 2026-02-10 is the latest session, due for every symbol. */
    static final Instant NEXT_DAY = Instant.parse("2026-02-11T15:00:00Z");

    static final LocalDate DUE = LocalDate.of(2026, 2, 10);

    @BeforeEach
    void historyCompleteThroughMonday() {
        clock.set(Instant.parse("2026-02-10T15:00:00Z"));
        for (String symbol : HELD) {
            Holdings.anAccountHolding(jdbc, "acc-1", symbol, 10, 90);
        }
        PolygonStandIn.market(0, clock, all());
        // five calls a run: the history takes a few runs, each going on where the last one stopped
        for (int run = 0; run < 10; run++) {
            var backfill = cron();
            assertThat(backfill.status()).as(backfill.body()).isEqualTo(200);
            if (!backfill.json().path("data").path("price").has("remaining")) {
                break;
            }
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(DISTINCT symbol) FROM daily_prices WHERE trade_date = '2026-02-09'", Long.class))
                .isEqualTo(HELD.length + ALWAYS.length);
        clock.set(NEXT_DAY);
    }

    static String[] all() {
        return Stream.concat(Stream.of(HELD), Stream.of(ALWAYS)).toArray(String[]::new);
    }

    /** One cron call, a minute after the last one (runs are ordered by when they finished). */
    Http.Response cron() {
        clock.set(clock.instant().plusSeconds(60));
        return http.post("/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET));
    }

    JsonNode alert() {
        return http.get("/api/valuations/refresh/alerts").json().path("data").path("alert");
    }

    @Test
    void aProviderFailingEveryCallFailsEveryRunAndTurnsCritical() {
        // the always-refreshed symbols are current (their settled close is stored): nothing is due for them
        for (String symbol : ALWAYS) {
            jdbc.update("""
                    INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, provisional, fetched_at)
                    VALUES (?, ?, 100, 100, 100, 100, 1000, false, now())""", symbol, DUE);
        }
        PolygonStandIn.failing(503, "{\"status\":\"ERROR\",\"error\":\"Service Unavailable\"}");

        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var run = cron();
            assertThat(run.status()).as(run.body()).isEqualTo(500);
            JsonNode data = run.json().path("data");
            assertThat(data.path("status").asString()).isEqualTo("FAILED");
            JsonNode remaining = data.path("price").path("remaining");
            if (remaining.has("pricesCompleteThrough")) {
                assertThat(LocalDate.parse(
                                remaining.path("pricesCompleteThrough").asString()))
                        .as(run.body())
                        .isBefore(DUE);
            }
            levels.add(alert().path("level").asString());
        }
        assertThat(levels.subList(0, 2)).doesNotContain("CRITICAL");
        assertThat(levels.getLast()).isEqualTo("CRITICAL");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM daily_prices WHERE trade_date = ? AND symbol <> ALL(?)",
                        Long.class,
                        DUE,
                        ALWAYS))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/actuator/health/refresh").status() == 503);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aRunLeavingSomeSymbolsUnpricedSucceedsAndWarnsNamingThem() {
        PolygonStandIn.market(0, clock, "AAPL", "AMZN", "GOOG", "META", "COST", "NFLX"); // MSFT has no bar
        var run = cron();
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode price = run.json().path("data").path("price");
        assertThat(price.path("failures").toString()).contains("MSFT");
        JsonNode alert = alert();
        assertThat(alert.path("level").asString()).isEqualTo("WARNING");
        assertThat(alert.path("reasons").toString()).contains("1 symbol").contains("MSFT");

        PolygonStandIn.market(0, clock, all());
        var next = cron();
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().path("data").path("price").path("symbolsFailed").asInt())
                .isZero();
        assertThat(alert().path("level").asString()).isEqualTo("OK");
    }
}
