package dev.valuator.corporateactions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import dev.valuator.support.Tables;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the provider says about held symbols, end to end through a manual refresh against a
 * stand-in shaped like Massive's documented answers, whose deprecated reference endpoints
 * ({@code /v3/reference/splits}, {@code /v3/reference/dividends}) answer 404.
 */
@ValuatorTest
class ProviderActionsTests extends RunningService {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String FB_FIGI = "BBG000MM2P62";
    static final LocalDate FIRST_TRADE = LocalDate.of(2022, 1, 3);
    static final LocalDate CHANGE = LocalDate.of(2022, 6, 9);
    static final LocalDate LAST_SESSION = LocalDate.of(2022, 6, 21);
    static final LocalDate JUNETEENTH = LocalDate.of(2022, 6, 20);

    WireMockServer polygon = PolygonStandIn.server();

    @BeforeEach
    void aQuietProvider() {
        polygon.resetAll();
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson(PolygonJson.splits())));
        for (String deprecated : List.of("/v3/reference/splits", "/v3/reference/dividends")) {
            polygon.stubFor(get(urlPathMatching(deprecated + ".*"))
                    .willReturn(aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"NOT_FOUND\",\"message\":\"deprecated endpoint\"}")));
        }
        polygon.stubFor(get(urlPathEqualTo("/v3/reference/tickers")).willReturn(okJson(PolygonJson.tickers())));
    }

    /** FB from its first trade through Jun 8, META from the change on: as grouped and range answers. */
    void aMarketWhereFacebookBecomesMeta() {
        Function<LocalDate, String> trading = d -> d.isBefore(CHANGE) ? "FB" : "META";
        for (LocalDate d = FIRST_TRADE; !d.isAfter(LAST_SESSION); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
            if (!d.equals(JUNETEENTH)) {
                bars.put(trading.apply(d), PolygonJson.Bar.flat(close(d)));
                bars.put("AAPL", PolygonJson.Bar.flat(150));
            }
            polygon.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + d))
                    .willReturn(okJson(PolygonJson.grouped(d, bars))));
        }
        for (String symbol : List.of("FB", "META")) {
            Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (LocalDate d = FIRST_TRADE; !d.isAfter(LAST_SESSION); d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY
                        && d.getDayOfWeek() != DayOfWeek.SUNDAY
                        && !d.equals(JUNETEENTH)
                        && trading.apply(d).equals(symbol)) {
                    bars.put(d, PolygonJson.Bar.flat(close(d)));
                }
            }
            polygon.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol + "/range/1/day/.*"))
                    .willReturn(okJson(PolygonJson.range(symbol, bars))));
        }
    }

    /** The provider's word on FB: delisted on the change date, its FIGI's ticker changed to META. */
    void theProviderKnowsTheChange() {
        polygon.stubFor(get(urlPathEqualTo("/v3/reference/tickers"))
                .willReturn(okJson(PolygonJson.tickers(new PolygonJson.Listing(
                        "FB",
                        "Meta Platforms, Inc. Class A Common Stock",
                        FB_FIGI,
                        "0001326801",
                        "2022-06-09T04:00:00Z")))));
        polygon.stubFor(get(urlPathEqualTo("/vX/reference/tickers/" + FB_FIGI + "/events"))
                .willReturn(okJson(PolygonJson.tickerEvents(
                        "Meta Platforms, Inc. Class A Common Stock",
                        FB_FIGI,
                        "0001326801",
                        new PolygonJson.TickerChange("META", CHANGE),
                        new PolygonJson.TickerChange("FB", LocalDate.of(2012, 5, 18))))));
    }

    /** A close that moves every day, so a carried close would show. */
    static BigDecimal close(LocalDate d) {
        return new BigDecimal(150 + d.getDayOfYear() % 40).add(new BigDecimal("0.25"));
    }

    void aFacebookHolder() {
        http.put("/api/accounts/fb", "{\"name\":\"FB holder\"}", admin(json()));
        Http.Response posted = http.post(
                "/api/accounts/fb/trades",
                "{\"trades\": [{\"symbol\": \"FB\", \"tradeDate\": \"2022-01-03\", \"side\": \"BUY\","
                        + " \"quantity\": 10, \"price\": 338.54, \"fees\": 1}]}",
                admin(json()));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    }

    JsonNode refresh() {
        Http.Response response = http.post("/api/valuations/refresh", "{}", admin(json()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data");
    }

    void evening(LocalDate date) {
        clock.set(date.atTime(18, 0).atZone(NEW_YORK).toInstant());
    }

    List<Map<String, Object>> positions() {
        return jdbc.queryForList("""
                SELECT valuation_date, symbol, quantity, cost_basis, close_price, price_date, market_value,
                       unrealized_pnl, price_status
                FROM position_valuations WHERE account_id = 'fb' ORDER BY valuation_date, symbol""");
    }

    @Test
    void aTickerChangeLearnedFromTheProviderContinuesThePositionAsOneEnteredByHand() {
        evening(LAST_SESSION);
        aMarketWhereFacebookBecomesMeta();
        theProviderKnowsTheChange();
        aFacebookHolder();

        JsonNode job = refresh();

        List<Map<String, Object>> learned = positions();
        JsonNode action =
                http.get("/api/corporate-actions?symbol=FB", admin()).json().get("data");
        assertThat(action).hasSize(1);
        assertThat(action.get(0).get("type").asString()).isEqualTo("TICKER_CHANGE");
        assertThat(action.get(0).get("newSymbol").asString()).isEqualTo("META");
        assertThat(action.get(0).get("date").asString()).isEqualTo("2022-06-09");
        assertThat(action.get(0).get("source").asString()).isEqualTo("PROVIDER");
        // from Jun 9 the position is META, FB's 10 shares and basis 10 × 338.54 + 1, valued at
        // META's close of each day (never a carried FB close); before, FB as it was
        for (Map<String, Object> row : learned) {
            LocalDate day = ((java.sql.Date) row.get("valuation_date")).toLocalDate();
            assertThat(row.get("symbol")).as(day.toString()).isEqualTo(day.isBefore(CHANGE) ? "FB" : "META");
            assertThat(row.get("quantity")).isEqualTo(new BigDecimal("10"));
            assertThat(row.get("cost_basis")).isEqualTo(new BigDecimal("3386.4"));
            assertThat(row.get("price_date")).as(day.toString()).isEqualTo(row.get("valuation_date"));
            assertThat(row.get("price_status")).isEqualTo("CURRENT");
            assertThat(row.get("market_value"))
                    .isEqualTo(close(day).multiply(BigDecimal.TEN).stripTrailingZeros());
        }
        assertThat(learned).extracting(r -> r.get("valuation_date")).contains(java.sql.Date.valueOf(CHANGE));
        // two calls found it out: the delisted listing and its FIGI's ticker events
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/v3/reference/tickers"))))
                .hasSize(1);
        assertThat(polygon.findAll(getRequestedFor(urlPathMatching("/vX/reference/tickers/.*"))))
                .hasSize(1);
        assertThat(job.get("price").get("apiCalls").asInt()).isGreaterThanOrEqualTo(3);
        assertNoDeprecatedEndpointCalled();

        // the same ledger, the provider silent, the change entered by hand: the same positions
        Tables.truncateAll(jdbc);
        aQuietProvider();
        aMarketWhereFacebookBecomesMeta();
        aFacebookHolder();
        Http.Response manual = http.post(
                "/api/corporate-actions",
                "{\"type\": \"TICKER_CHANGE\", \"symbol\": \"FB\", \"newSymbol\": \"META\", \"date\": \"2022-06-09\"}",
                admin(json()));
        assertThat(manual.status()).as(manual.body()).isEqualTo(201);
        refresh();
        assertThat(positions()).isEqualTo(learned);
    }

    @Test
    void aFivePercentStockDividendChangesTheQuantityExactly() {
        LocalDate exDate = LocalDate.of(2022, 3, 1);
        evening(LocalDate.of(2022, 3, 4));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits"))
                .willReturn(okJson(PolygonJson.splits(PolygonJson.Split.stockDividend("E5", "SD", exDate, "5")))));
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (LocalDate d = LocalDate.of(2022, 2, 22); !d.isAfter(LocalDate.of(2022, 3, 4)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                bars.put(d, PolygonJson.Bar.flat(d.isBefore(exDate) ? 21 : 20));
            }
        }
        polygon.stubFor(get(urlPathMatching("/v2/aggs/ticker/SD/range/1/day/.*"))
                .willReturn(okJson(PolygonJson.range("SD", bars))));
        http.put("/api/accounts/sd", "{\"name\":\"SD\"}", admin(json()));
        http.post(
                "/api/accounts/sd/trades",
                "{\"trades\": [{\"symbol\": \"SD\", \"tradeDate\": \"2022-02-22\", \"side\": \"BUY\","
                        + " \"quantity\": 100, \"price\": 21}]}",
                admin(json()));

        refresh();

        Map<String, Object> before = jdbc.queryForMap(
                "SELECT * FROM position_valuations WHERE account_id = 'sd' AND valuation_date = '2022-02-28'");
        Map<String, Object> after = jdbc.queryForMap(
                "SELECT * FROM position_valuations WHERE account_id = 'sd' AND valuation_date = '2022-03-01'");
        // 100 shares × 1.05 = 105, the basis 100 × 21 = 2100 kept; 105 × 20 = 2100
        assertThat(before.get("quantity")).isEqualTo(new BigDecimal("100"));
        assertThat(after.get("quantity")).isEqualTo(new BigDecimal("105"));
        assertThat(after.get("cost_basis")).isEqualTo(new BigDecimal("2100"));
        assertThat(after.get("market_value")).isEqualTo(new BigDecimal("2100"));
        assertNoDeprecatedEndpointCalled();
    }

    @Test
    void aSymbolAbsentFromSixGroupedAnswersIsStaleAndTheAlertSaysWhatTheProviderSays() {
        List<LocalDate> sessions = List.of(
                LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 3),
                LocalDate.of(2026, 11, 4),
                LocalDate.of(2026, 11, 5),
                LocalDate.of(2026, 11, 6),
                LocalDate.of(2026, 11, 9),
                LocalDate.of(2026, 11, 10),
                LocalDate.of(2026, 11, 11),
                LocalDate.of(2026, 11, 12));
        // more symbols than sessions: the grouped daily is the cheaper plan
        List<String> symbols = List.of("AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH", "II", "JJ", "DLST");
        for (LocalDate day : sessions) {
            Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (String symbol : symbols) {
                // DLST's last bar is Nov 3: absent from the six grouped answers Nov 4 – 11
                if (!symbol.equals("DLST") || day.isBefore(LocalDate.of(2026, 11, 4))) {
                    bars.put(symbol, PolygonJson.Bar.flat(20));
                }
            }
            polygon.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + day))
                    .willReturn(okJson(PolygonJson.grouped(day, bars))));
        }
        polygon.stubFor(get(urlPathEqualTo("/v3/reference/tickers"))
                .willReturn(okJson(PolygonJson.tickers(new PolygonJson.Listing(
                        "DLST", "Delisted Corp", "BBG00DLST000", "0000000001", "2026-11-04T05:00:00Z")))));
        polygon.stubFor(get(urlPathEqualTo("/vX/reference/tickers/BBG00DLST000/events"))
                .willReturn(okJson(PolygonJson.tickerEvents(
                        "Delisted Corp",
                        "BBG00DLST000",
                        "0000000001",
                        new PolygonJson.TickerChange("DLST", LocalDate.of(2019, 1, 2))))));
        http.put("/api/accounts/stale", "{\"name\":\"Stale\"}", admin(json()));
        StringBuilder trades = new StringBuilder();
        for (String symbol : symbols) {
            trades.append(trades.isEmpty() ? "" : ",")
                    .append("{\"symbol\": \"")
                    .append(symbol)
                    .append("\", \"tradeDate\": \"2026-11-02\", \"side\": \"BUY\", \"quantity\": 5, \"price\": 20}");
        }
        http.post("/api/accounts/stale/trades", "{\"trades\": [" + trades + "]}", admin(json()));
        evening(LocalDate.of(2026, 11, 11));

        JsonNode job = refresh();

        assertThat(job.get("price").get("plan").asString()).isEqualTo("GROUPED_DAILY");
        JsonNode positions = http.get("/api/accounts/stale/valuations?date=2026-11-11", admin())
                .json()
                .get("data")
                .get("positions");
        for (JsonNode position : positions) {
            String symbol = position.get("symbol").asString();
            assertThat(position.get("priceStatus").asString())
                    .as(symbol)
                    .isEqualTo(symbol.equals("DLST") ? "STALE" : "CURRENT");
        }
        // Nov 10 is five sessions after DLST's last close: still a carried close
        JsonNode nov10 = http.get("/api/accounts/stale/valuations?date=2026-11-10", admin())
                .json()
                .get("data")
                .get("positions");
        List<String> statuses = new java.util.ArrayList<>();
        nov10.forEach(position -> statuses.add(position.get("priceStatus").asString()));
        assertThat(statuses).contains("CARRIED");
        JsonNode alert =
                http.get("/api/valuations/refresh/alerts").json().get("data").get("alert");
        assertThat(alert.get("level").asString()).isEqualTo("WARNING");
        List<String> reasons = new java.util.ArrayList<>();
        alert.get("reasons").forEach(reason -> reasons.add(reason.asString()));
        assertThat(reasons)
                .anySatisfy(reason -> assertThat(reason)
                        .startsWith("DLST has had no close since 2026-11-03 and is held by 1 account;")
                        .contains("the provider says it was delisted on 2026-11-04")
                        .contains("CASH_OUT")
                        .contains("POST /api/corporate-actions"));
        // finding that out took two calls: the delisted listing, then its FIGI's ticker events
        assertThat(providerCallsSpent()).isEqualTo(2);
        assertThat(referenceRequests()).isEqualTo(2);

        // later runs do not ask again
        evening(LocalDate.of(2026, 11, 12));
        refresh();
        assertThat(providerCallsSpent()).isEqualTo(2);
        assertThat(referenceRequests()).isEqualTo(2);
        assertNoDeprecatedEndpointCalled();
    }

    long providerCallsSpent() {
        return jdbc.queryForObject("SELECT coalesce(sum(calls), 0) FROM symbol_inquiries", Long.class);
    }

    int referenceRequests() {
        return polygon.findAll(getRequestedFor(urlPathMatching("/v(3|X)/reference/tickers.*")))
                .size();
    }

    void assertNoDeprecatedEndpointCalled() {
        assertThat(polygon.findAll(getRequestedFor(urlPathMatching("/v3/reference/splits.*"))))
                .isEmpty();
        assertThat(polygon.findAll(getRequestedFor(urlPathMatching("/v3/reference/dividends.*"))))
                .isEmpty();
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/splits"))))
                .isNotEmpty();
    }
}
