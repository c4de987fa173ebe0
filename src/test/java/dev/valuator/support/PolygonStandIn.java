package dev.valuator.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The test suite's one Polygon/Massive: a WireMock server per test JVM on loopback, which the
 * services under test call through {@code POLYGON_BASE_URL} ({@link TestEnvironment}). Each market
 * below replaces whatever was stubbed before and forgets the calls served so far; tests that need
 * an answer of their own stub it on {@link #server()} after choosing a market. Answers are shaped
 * by {@link PolygonJson} as the provider documents them.
 */
public final class PolygonStandIn {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Where the quiet market opens: before every fixture's first trade (2026-01-05). */
    public static final LocalDate MARKET_OPENS = LocalDate.of(2025, 12, 1);

    private static WireMockServer server;

    private PolygonStandIn() {}

    public static synchronized WireMockServer server() {
        if (server == null) {
            // quiet notifier: the stand-in's own logs must not echo request headers (the Polygon key)
            server = new WireMockServer(options()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .containerThreads(80)
                    .jettyAcceptors(2)
                    .notifier(new Slf4jNotifier(false)));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    /** How many calls the stand-in answered since its market was set. */
    public static int requests() {
        return server().getAllServeEvents().size();
    }

    // ---- the quiet market: flat closes, no splits, no closures ----

    /** AAPL from {@link #MARKET_OPENS} through the day before the clock's day in New York. */
    public static void quietMarket(Clock clock) {
        market(0, clock, "AAPL");
    }

    /**
     * {@link #market(int, LocalDate, LocalDate, String...)} from {@link #MARKET_OPENS} through the
     * day before the clock's day in New York: every session a run at the clock's time can ask for.
     */
    public static void market(int delayMillis, Clock clock, String... symbols) {
        market(delayMillis, MARKET_OPENS, yesterday(clock), symbols);
    }

    /** The day before the clock's day in New York. */
    public static LocalDate yesterday(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), NEW_YORK).minusDays(1);
    }

    /**
     * No upcoming closures, no splits, and weekday bars for each symbol over [from, to] — the
     * first symbol closing at 100, the next at 110, and so on — every answer taking
     * {@code delayMillis}.
     */
    public static void market(int delayMillis, LocalDate from, LocalDate to, String... symbols) {
        List<String> listed = List.of(symbols);
        open(
                delayMillis,
                PolygonJson.splits(),
                from,
                to,
                listed,
                (symbol, day) -> isWeekday(day) ? BigDecimal.valueOf(100 + 10 * listed.indexOf(symbol)) : null);
    }

    // ---- failures ----

    /** Every call answers {@code status} with {@code body} (auth failures, rate limits, outages). */
    public static void failing(int status, String body) {
        server().resetAll();
        server().stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** Every call answers 503, as during a provider outage. */
    public static void outage() {
        failing(503, "{\"status\":\"ERROR\",\"error\":\"Service Unavailable\"}");
    }

    // ---- the showcase market: something to look at in a browser ----

    /**
     * Closes that move, a 4-for-1 AAPL split (unadjusted closes drop to a quarter, the splits
     * endpoint lists it), one day without an MSFT bar (that day's MSFT position is priced from the
     * previous close), and no GOOG bar before mid-April (a GOOG position bought earlier leaves those
     * days' snapshots partial), through yesterday in New York.
     */
    public static final class Showcase {

        public static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META");
        public static final LocalDate AAPL_SPLIT = LocalDate.of(2026, 6, 15);
        public static final LocalDate MSFT_GAP = LocalDate.of(2026, 3, 16);
        public static final LocalDate GOOG_FIRST_BAR = LocalDate.of(2026, 4, 15);
        /** MSFT 0.83 ex 2026-05-20; AAPL 0.26 ex 2026-08-11 (after its split: four times the shares). */
        public static final PolygonJson.Dividend[] DIVIDENDS = {
            PolygonJson.Dividend.usd("E-msft-1", "MSFT", LocalDate.of(2026, 5, 20), "0.83"),
            PolygonJson.Dividend.usd("E-aapl-1", "AAPL", LocalDate.of(2026, 8, 11), "0.26")
        };

        private Showcase() {}

        /** Through yesterday in New York, as a service on real time asks. */
        public static LocalDate to() {
            return LocalDate.now(NEW_YORK).minusDays(1);
        }

        /** The last weekday bar the stand-in serves. */
        public static LocalDate lastSession() {
            LocalDate day = to();
            while (!isWeekday(day)) {
                day = day.minusDays(1);
            }
            return day;
        }

        /** {@code symbol}'s unadjusted close on {@code day}, or null when it has no bar that day. */
        public static BigDecimal close(String symbol, LocalDate day) {
            if (!isWeekday(day)
                    || (symbol.equals("MSFT") && day.equals(MSFT_GAP))
                    || (symbol.equals("GOOG") && day.isBefore(GOOG_FIRST_BAR))) {
                return null;
            }
            int s = SYMBOLS.indexOf(symbol);
            long n = day.toEpochDay() - MARKET_OPENS.toEpochDay();
            double base = 80 + 40 * s;
            double price = base * (1 + 0.12 * Math.sin(n / (9.0 + 2 * s)) + 0.0015 * n * (s % 2 == 0 ? 1 : -0.4));
            if (symbol.equals("AAPL") && !day.isBefore(AAPL_SPLIT)) {
                price = price / 4;
            }
            return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** The {@link Showcase} market, every answer taking {@code delayMillis}. */
    public static void showcase(int delayMillis) {
        open(
                delayMillis,
                PolygonJson.splits(new PolygonJson.Split("split-aapl", "AAPL", Showcase.AAPL_SPLIT, 1, 4)),
                MARKET_OPENS,
                Showcase.to(),
                Showcase.SYMBOLS,
                Showcase::close);
        server().stubFor(get(urlPathMatching("/stocks/v1/dividends.*"))
                .willReturn(
                        okJson(PolygonJson.dividends(null, Showcase.DIVIDENDS)).withFixedDelay(delayMillis)));
    }

    // ---- the benchmarks' market: 500 symbols, a close for every session ----

    /** How many symbols the benchmark market lists: S0001 … S0500. */
    public static final int BENCHMARK_SYMBOLS = 500;

    public static String benchmarkSymbol(int s) {
        return "S%04d".formatted(s);
    }

    /** Symbol {@code s}'s close on the session of index {@code ord} in the benchmark's session list. */
    public static BigDecimal benchmarkClose(int s, int ord) {
        long cents = 2000 + (s % 200) * 100L + ((ord * 7L + s) % 23) * 37;
        return BigDecimal.valueOf(cents, 2);
    }

    /**
     * Grouped-daily answers (all 500 symbols, as Polygon answers for all US stocks) for every one
     * of {@code sessions}; per-symbol range answers (the planner picks them whenever a shape has
     * fewer symbols than days): symbols 1–3 answer every session, the others the {@code rangeDays}
     * sessions up to {@code last} and the ones after it. No splits, no closures, no delay.
     */
    public static void benchmarkMarket(List<LocalDate> sessions, LocalDate last, int rangeDays) {
        WireMockServer server = server();
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        server.stubFor(get(urlPathMatching("/stocks/v1/splits.*")).willReturn(okJson(PolygonJson.splits())));
        server.stubFor(get(urlPathMatching("/v3/reference/splits.*")).willReturn(okJson(PolygonJson.splits())));
        server.stubFor(get(urlPathMatching("/stocks/v1/dividends.*")).willReturn(okJson(PolygonJson.dividends())));
        for (int i = 0; i < sessions.size(); i++) {
            Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (int s = 1; s <= BENCHMARK_SYMBOLS; s++) {
                bars.put(benchmarkSymbol(s), bar(benchmarkClose(s, i)).withTransactions(10));
            }
            server.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + sessions.get(i)))
                    .willReturn(okJson(PolygonJson.grouped(sessions.get(i), bars))));
        }
        int lastIndex = sessions.indexOf(last);
        for (int s = 1; s <= BENCHMARK_SYMBOLS; s++) {
            Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (int i = s <= 3 ? 0 : Math.max(0, lastIndex - rangeDays + 1); i < sessions.size(); i++) {
                bars.put(sessions.get(i), bar(benchmarkClose(s, i)).withTransactions(10));
            }
            server.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + benchmarkSymbol(s) + "/range/1/day/.*"))
                    .willReturn(okJson(PolygonJson.range(benchmarkSymbol(s), bars))));
        }
    }

    /** The calls answered since the market was set, by kind. */
    public record Calls(long aggregates, long grouped, long range, long splits, long upcoming, long total) {

        public static Calls of(WireMockServer server) {
            List<ServeEvent> events = server.getAllServeEvents();
            long grouped = 0, range = 0, splits = 0, upcoming = 0;
            for (ServeEvent e : events) {
                String url = e.getRequest().getUrl();
                if (url.startsWith("/v2/aggs/grouped/")) {
                    grouped++;
                } else if (url.startsWith("/v2/aggs/ticker/")) {
                    range++;
                } else if (url.contains("splits")) {
                    splits++;
                } else if (url.startsWith("/v1/marketstatus/upcoming")) {
                    upcoming++;
                }
            }
            return new Calls(grouped + range, grouped, range, splits, upcoming, events.size());
        }
    }

    // ---- shared ----

    /**
     * No upcoming closures, {@code splits} on both splits endpoints, and for every symbol a range
     * answer and for every day over [from, to] a grouped answer holding the bars {@code closes}
     * gives (null: no bar that day).
     */
    private static void open(
            int delayMillis,
            String splits,
            LocalDate from,
            LocalDate to,
            List<String> symbols,
            BiFunction<String, LocalDate, BigDecimal> closes) {
        WireMockServer server = server();
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming"))
                .willReturn(okJson("[]").withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/stocks/v1/splits.*"))
                .willReturn(okJson(splits).withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/v3/reference/splits.*"))
                .willReturn(okJson(splits).withFixedDelay(delayMillis)));
        server.stubFor(get(urlPathMatching("/stocks/v1/dividends.*")).willReturn(okJson(PolygonJson.dividends())));
        for (String symbol : symbols) {
            Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                BigDecimal close = closes.apply(symbol, d);
                if (close != null) {
                    bars.put(d, bar(close).withTransactions(10));
                }
            }
            server.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol.replace(".", "\\.") + "/range/1/day/.*"))
                    .willReturn(okJson(PolygonJson.range(symbol, bars)).withFixedDelay(delayMillis)));
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
            for (String symbol : symbols) {
                BigDecimal close = closes.apply(symbol, d);
                if (close != null) {
                    bars.put(symbol, bar(close));
                }
            }
            server.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + d))
                    .willReturn(okJson(PolygonJson.grouped(d, bars)).withFixedDelay(delayMillis)));
        }
    }

    private static PolygonJson.Bar bar(BigDecimal close) {
        return PolygonJson.Bar.flat(close).withVwap(close);
    }

    private static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
