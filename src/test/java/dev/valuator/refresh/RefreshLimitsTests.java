package dev.valuator.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Http;
import dev.valuator.support.Ledgers;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.Tables;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** VALUATION_REFRESH_MAX_RUNTIME stops an overlong run; VALUATION_HEARTBEAT_URL is pinged after runs. */
@ValuatorTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "VALUATION_REFRESH_MAX_RUNTIME=PT3S")
class RefreshLimitsTests extends RunningService {

    @DynamicPropertySource
    static void heartbeat(DynamicPropertyRegistry registry) {
        registry.add("VALUATION_HEARTBEAT_URL", () -> PolygonStandIn.baseUrl() + "/hc/ping-1");
    }

    @BeforeEach
    void setUp() {
        Ledgers.anAccountHoldingApple(http, "acc-1");
    }

    Http.Response cron() {
        return http.post("/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET));
    }

    @Test
    void anOverlongRunIsStoppedAtItsNextSafePoint() {
        // one call outlasts the whole run: no budget can foresee that, the deadline stops it
        PolygonStandIn.market(5000, clock, "AAPL");
        var response = cron();
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("error").asString()).contains("VALUATION_REFRESH_MAX_RUNTIME");
        assertThat(response.json().path("data").path("status").asString()).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT duration_ms FROM refresh_jobs", Long.class))
                .isLessThan(15_000);
    }

    @Test
    void aPlanThatDoesNotFitBeforeTheDeadlineFetchesWhatFitsAndSucceeds() {
        // 0.7 s a call, 3 s a run of which 2 s are kept for the valuation: the closures and splits
        // calls use the second there is, so the aggregates call is left for the next run
        PolygonStandIn.market(700, clock, "AAPL");
        var response = cron();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var price = response.json().path("data").path("price");
        assertThat(response.json().path("data").path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(price.path("remaining").path("calls").asInt()).isEqualTo(1);
        assertThat(price.path("remaining").path("symbols").asInt()).isEqualTo(1);
        assertThat(price.path("remaining").path("dates").asInt()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots", Long.class))
                .isZero();

        PolygonStandIn.market(0, clock, "AAPL");
        var next = cron();
        assertThat(next.json().path("data").path("price").has("remaining")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots", Long.class))
                .isPositive();
    }

    @Test
    void heartbeatPingsOnSuccessAndFailure() {
        PolygonStandIn.market(0, clock, "AAPL");
        assertThat(cron().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !PolygonStandIn.server()
                        .findAll(getRequestedFor(urlEqualTo("/hc/ping-1")))
                        .isEmpty());

        Tables.forgetMarketData(jdbc); // settled bars would need no call at all
        PolygonStandIn.failing(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}");
        assertThat(cron().status()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !PolygonStandIn.server()
                        .findAll(getRequestedFor(urlEqualTo("/hc/ping-1/fail")))
                        .isEmpty());
    }
}
