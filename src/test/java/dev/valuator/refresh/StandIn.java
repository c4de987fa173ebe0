package dev.valuator.refresh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Polygon-shaped answers for refresh tests: a quiet market with daily bars for chosen symbols. */
final class StandIn {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private StandIn() {}

    static WireMockServer server() {
        return PolygonStandIn.server();
    }

    /** Where the stand-in's market opens: before every fixture's first trade (2026-01-05). */
    static final LocalDate MARKET_OPENS = LocalDate.of(2025, 12, 1);

    /**
     * {@link #market(int, LocalDate, LocalDate, String...)} from {@link #MARKET_OPENS} through the
     * day before the clock's day in New York: every session a run at the clock's time can ask for.
     */
    static void market(int delayMillis, Clock clock, String... symbols) {
        market(delayMillis, MARKET_OPENS, yesterday(clock), symbols);
    }

    /** The day before the clock's day in New York. */
    static LocalDate yesterday(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), NEW_YORK).minusDays(1);
    }

    /** No upcoming closures, no splits, and weekday bars at {@code close} for each symbol over [from, to]. */
    static void market(int delayMillis, LocalDate from, LocalDate to, String... symbols) {
        WireMockServer server = server();
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming"))
                .willReturn(okJson("[]").withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/stocks/v1/splits.*"))
                .willReturn(okJson(PolygonJson.splits()).withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/stocks/v1/dividends.*"))
                .willReturn(okJson(PolygonJson.dividends()).withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/v3/reference/splits.*"))
                .willReturn(okJson(PolygonJson.splits()).withFixedDelay(delayMillis)));
        int i = 0;
        for (String symbol : symbols) {
            BigDecimal close = new BigDecimal(100 + 10 * i++);
            server.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol.replace(".", "\\.") + "/range/1/day/.*"))
                    .willReturn(okJson(rangeBody(symbol, from, to, close)).withFixedDelay(delayMillis)));
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String body = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY
                    ? groupedBody(d)
                    : groupedBody(d, symbols);
            server.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + d))
                    .willReturn(okJson(body).withFixedDelay(delayMillis)));
        }
    }

    /** Every call answers {@code status} (for outages and auth failures). */
    static void failing(int status, String body) {
        WireMockServer server = server();
        server.resetAll();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static int requests() {
        return server().getAllServeEvents().size();
    }

    static String rangeBody(String symbol, LocalDate from, LocalDate to, BigDecimal close) {
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                bars.put(d, PolygonJson.Bar.flat(close).withVwap(close).withTransactions(10));
            }
        }
        return PolygonJson.range(symbol, bars);
    }

    static String groupedBody(LocalDate date, String... symbols) {
        Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
        int i = 0;
        for (String symbol : symbols) {
            bars.put(symbol, PolygonJson.Bar.flat(100 + 10 * i++));
        }
        return PolygonJson.grouped(date, bars);
    }
}
