package dev.valuator.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.marketdata.calendar.NyseHolidays;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A {@code from}/{@code to} window older than {@code VALUATION_MAX_BACKFILL_DAYS} (730) before
 * today is fetched and valued, or refused by the provider's plan as a clear error of the run.
 */
@ValuatorTest
class ExplicitWindowTests extends RunningService {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String JANUARY_2021 = "{\"from\":\"2021-01-04\",\"to\":\"2021-01-29\"}";

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-02-10T15:00:00Z")); // more than 730 days after January 2021
        PolygonStandIn.server().resetAll();
        assertThat(http.put("/api/accounts/old", "{\"name\":\"Old\"}", admin(json()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/accounts/old/trades",
                                "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2021-01-04\",\"side\":\"BUY\","
                                        + "\"quantity\":10,\"price\":130}]}",
                                admin(json()))
                        .status())
                .isEqualTo(200);
        PolygonStandIn.server()
                .stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        PolygonStandIn.server()
                .stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson(PolygonJson.splits())));
        PolygonStandIn.server()
                .stubFor(get(urlPathEqualTo("/stocks/v1/dividends")).willReturn(okJson(PolygonJson.dividends())));
    }

    /** Weekdays that are not NYSE holidays: what Polygon has bars for. */
    static List<LocalDate> sessions(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY
                    && d.getDayOfWeek() != DayOfWeek.SUNDAY
                    && NyseHolidays.holidayOn(d) == null) {
                days.add(d);
            }
        }
        return days;
    }

    @Test
    void januaryTwentyTwentyOneIsFetchedAndValuedIntoItsNineteenSnapshots() {
        List<LocalDate> january = sessions(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 29));
        // 4 weeks of 5 sessions, less Martin Luther King Jr. Day (Monday 2021-01-18)
        assertThat(january).hasSize(19).doesNotContain(LocalDate.of(2021, 1, 18));
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        january.forEach(d -> bars.put(d, PolygonJson.Bar.of(130, 131, 129, 130.5, 1000)));
        PolygonStandIn.server()
                .stubFor(get(urlPathMatching("/v2/aggs/ticker/AAPL/range/1/day/2021-01-04/2021-01-29"))
                        .willReturn(okJson(PolygonJson.range("AAPL", bars))));

        var run = http.post("/api/valuations/refresh", JANUARY_2021, admin(json()));

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode data = run.json().path("data");
        assertThat(data.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(data.path("price").path("barsUpserted").asInt()).isEqualTo(19);
        assertThat(data.path("valuation").path("snapshotsUpserted").asInt()).isEqualTo(19);
        JsonNode snapshots = http.get("/api/accounts/old/snapshots?from=2021-01-01&to=2021-01-31", admin())
                .json()
                .path("data");
        assertThat(snapshots).hasSize(19);
        assertThat(snapshots.get(0).path("date").asString()).isEqualTo("2021-01-04");
        assertThat(snapshots.get(18).path("date").asString()).isEqualTo("2021-01-29");
        assertThat(snapshots.get(0).path("totalValue").decimalValue()).isEqualByComparingTo("1305");
    }

    @Test
    void theProvidersPlanLimitIsAClearErrorOfTheRun() {
        PolygonStandIn.server()
                .stubFor(get(urlPathMatching("/v2/aggs/.*"))
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"x\",\"message\":"
                                        + "\"Your plan doesn't include this data timeframe. Please upgrade your"
                                        + " plan at https://polygon.io/pricing\"}")));

        var run = http.post("/api/valuations/refresh", JANUARY_2021, admin(json()));

        assertThat(run.status()).as(run.body()).isEqualTo(500);
        assertThat(run.json().path("data").path("status").asString()).isEqualTo("FAILED");
        assertThat(run.json().path("error").asString())
                .isEqualTo("Polygon plan does not allow this request (403): Your plan doesn't include this data"
                        + " timeframe. Please upgrade your plan at https://polygon.io/pricing");
    }

    @Test
    void theSpanRuleStays() {
        var tooWide =
                http.post("/api/valuations/refresh", "{\"from\":\"2021-01-04\",\"to\":\"2023-01-05\"}", admin(json()));
        assertThat(tooWide.status()).isEqualTo(400);
        assertThat(tooWide.body()).contains("VALUATION_MAX_BACKFILL_DAYS");
    }
}
