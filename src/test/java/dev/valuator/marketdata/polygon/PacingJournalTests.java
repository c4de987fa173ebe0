package dev.valuator.marketdata.polygon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.valuator.support.PolygonStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing guarantee, checked on what the stand-in actually received. */
class PacingJournalTests {

    static final int PERMITS = 5;
    static final Duration WINDOW = Duration.ofSeconds(3);

    @Test
    void noWindowEverHoldsMoreThanTheLimitRetriesAndPagesIncluded() {
        WireMockServer polygon = PolygonStandIn.server();
        polygon.resetAll();
        polygon.stubFor(get(urlPathMatching("/v2/aggs/grouped/.*"))
                .willReturn(okJson("{\"status\":\"OK\",\"resultsCount\":0}")));
        // one answer fails once (a retry), another has a second page: both must be paced too
        polygon.stubFor(get(urlPathMatching("/v2/aggs/grouped/.*/2026-01-06"))
                .inScenario("retry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        polygon.stubFor(get(urlPathMatching("/v2/aggs/grouped/.*/2026-01-07"))
                .withQueryParam("adjusted", equalTo("false"))
                .willReturn(okJson("{\"status\":\"OK\",\"next_url\":\"" + PolygonStandIn.baseUrl()
                        + "/v2/aggs/grouped/locale/us/market/stocks/2026-01-07?cursor=p2\"}")));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var properties = new PolygonProperties(
                "pacing-key",
                PolygonStandIn.baseUrl(),
                0,
                null,
                null,
                null,
                3,
                Duration.ofMillis(10),
                null,
                null,
                null);
        PolygonClient client =
                new PolygonClient(properties, new Pacer(PERMITS, WINDOW, meters), Clock.systemUTC(), meters);

        int calls = PERMITS + 2;
        int requests = calls + 2;
        for (int i = 0; i < calls; i++) {
            client.groupedDaily(LocalDate.of(2026, 1, 5).plusDays(i), PolygonSession.untracked());
        }

        List<Long> received = polygon.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        assertThat(received).hasSize(requests);
        for (int i = 0; i < received.size(); i++) {
            long start = received.get(i);
            long inWindow = received.stream()
                    .filter(t -> t >= start && t < start + WINDOW.toMillis())
                    .count();
            assertThat(inWindow).as("requests in the window from request %d", i).isLessThanOrEqualTo(PERMITS);
        }
        assertThat(meters.get("polygon.pacing.wait").timer().count()).isEqualTo(requests);
    }
}
