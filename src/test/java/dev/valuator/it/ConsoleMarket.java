package dev.valuator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Polygon-shaped market worth looking at in a browser: closes that move, a 4-for-1 AAPL split
 * (unadjusted closes drop to a quarter, the splits endpoint lists it), and one day without an
 * MSFT bar, so that day's MSFT position is priced from the previous close, and no GOOG bar before
 * mid-April, so a GOOG position bought earlier leaves those days' snapshots partial.
 */
final class ConsoleMarket {

    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META");
    static final LocalDate FROM = LocalDate.of(2025, 12, 1);
    /** Through yesterday in New York, as the service (on real time) asks. */
    static final LocalDate TO = LocalDate.now(ZoneId.of("America/New_York")).minusDays(1);
    /** The last weekday bar the stand-in serves. */
    static final LocalDate LAST_SESSION = TO.getDayOfWeek() == java.time.DayOfWeek.SUNDAY
            ? TO.minusDays(2)
            : TO.getDayOfWeek() == java.time.DayOfWeek.SATURDAY ? TO.minusDays(1) : TO;

    static final LocalDate AAPL_SPLIT = LocalDate.of(2026, 6, 15);
    static final LocalDate MSFT_GAP = LocalDate.of(2026, 3, 16);
    static final LocalDate GOOG_FIRST_BAR = LocalDate.of(2026, 4, 15);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private ConsoleMarket() {}

    /** Every answer takes {@code delayMillis}. */
    static void open(int delayMillis) {
        WireMockServer server = PolygonStandIn.server();
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming"))
                .willReturn(okJson("[]").withFixedDelay(delayMillis)));
        String splits = PolygonJson.splits(new PolygonJson.Split("split-aapl", "AAPL", AAPL_SPLIT, 1, 4));
        server.stubFor(get(urlPathMatching("/stocks/v1/splits.*"))
                .willReturn(okJson(splits).withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/v3/reference/splits.*"))
                .willReturn(okJson(splits).withFixedDelay(delayMillis)));
        for (String symbol : SYMBOLS) {
            server.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol + "/range/1/day/.*"))
                    .willReturn(okJson(range(symbol)).withFixedDelay(delayMillis)));
        }
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            server.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + d))
                    .willReturn(okJson(grouped(d)).withFixedDelay(delayMillis)));
        }
    }

    static BigDecimal close(String symbol, LocalDate d) {
        int s = SYMBOLS.indexOf(symbol);
        long day = d.toEpochDay() - FROM.toEpochDay();
        double base = 80 + 40 * s;
        double price = base * (1 + 0.12 * Math.sin(day / (9.0 + 2 * s)) + 0.0015 * day * (s % 2 == 0 ? 1 : -0.4));
        if (symbol.equals("AAPL") && !d.isBefore(AAPL_SPLIT)) {
            price = price / 4;
        }
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean traded(String symbol, LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY
                && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !(symbol.equals("MSFT") && d.equals(MSFT_GAP))
                && !(symbol.equals("GOOG") && d.isBefore(GOOG_FIRST_BAR));
    }

    private static String range(String symbol) {
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            if (traded(symbol, d)) {
                BigDecimal close = close(symbol, d);
                bars.put(d, PolygonJson.Bar.flat(close).withVwap(close).withTransactions(10));
            }
        }
        return PolygonJson.range(symbol, bars);
    }

    private static String grouped(LocalDate d) {
        Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (String symbol : SYMBOLS) {
            if (traded(symbol, d)) {
                BigDecimal close = close(symbol, d);
                bars.put(symbol, PolygonJson.Bar.flat(close).withVwap(close));
            }
        }
        return PolygonJson.grouped(d, bars);
    }
}
