package dev.valuator.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.marketdata.calendar.MarketClosures;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.plan.FetchCoverage;
import dev.valuator.marketdata.polygon.Pacer;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonProperties;
import dev.valuator.marketdata.stale.StaleSymbols;
import dev.valuator.prices.DailyBar;
import dev.valuator.prices.Dividends;
import dev.valuator.prices.Prices;
import dev.valuator.prices.SplitEvents;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

@ValuatorTest
class PricePhaseTests extends RunningService {

    static final String AGGREGATES = "/v2/aggs/.*";

    @Autowired
    PricePhase phase;

    @Autowired
    TradingCalendar calendar;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    WireMockServer polygon = PolygonStandIn.server();
    TestRunContext run;

    @BeforeEach
    void reset() {
        polygon.resetAll();
        calendar.reload();
        run = new TestRunContext(dataSource);
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson(PolygonJson.splits())));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/dividends")).willReturn(okJson(PolygonJson.dividends())));
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('acc', 'A', now(), now())");
    }

    /** New York 17:00 on {@code date}: after that session's close and data delay. */
    void evening(LocalDate date) {
        clock.set(date.atTime(17, 0).atZone(TradingCalendar.NEW_YORK).toInstant());
    }

    void buy(String symbol, LocalDate date) {
        jdbc.update(
                "INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)"
                        + " VALUES ('acc', ?, ?, 'BUY', 10, 100, now())",
                symbol,
                date);
    }

    static String groupedBody(LocalDate date, Collection<String> symbols) {
        Map<String, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (String symbol : symbols) {
            bars.put(
                    symbol,
                    PolygonJson.Bar.of(10.1, 11.25, 9.75, 10.5, 1000)
                            .withVwap(10.4)
                            .withTransactions(42));
        }
        return PolygonJson.grouped(date, bars);
    }

    void stubGrouped(LocalDate date, Collection<String> symbols) {
        polygon.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + date))
                .willReturn(okJson(groupedBody(date, symbols))));
    }

    void stubRange(String symbol, List<LocalDate> dates) {
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (LocalDate date : dates) {
            bars.put(date, PolygonJson.Bar.of(20, 21, 19, 20.55, 12.5));
        }
        polygon.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol.replace(".", "\\.") + "/range/1/day/.*"))
                .willReturn(okJson(PolygonJson.range(symbol, bars))));
    }

    int aggregateRequests() {
        return polygon.findAll(getRequestedFor(urlPathMatching(AGGREGATES))).size();
    }

    static PriceRequest all() {
        return new PriceRequest(null, null, null, null, LocalDate.of(2020, 1, 1));
    }

    @Test
    void twoHundredSymbolsMissingOneDayTakeOneGroupedCall() {
        LocalDate day = LocalDate.of(2026, 1, 7);
        List<String> symbols =
                IntStream.range(0, 200).mapToObj(i -> "SYM%03d".formatted(i)).toList();
        symbols.forEach(s -> buy(s, day));
        List<String> market = new ArrayList<>(symbols);
        market.add("NOTHELD");
        stubGrouped(day, market);
        evening(day);

        PriceSummary summary = fetched(phase.run(all(), run));

        assertThat(aggregateRequests()).isEqualTo(1);
        assertThat(summary.plan()).isEqualTo("GROUPED_DAILY");
        assertThat(summary.symbolsRequested()).isEqualTo(200);
        assertThat(summary.symbolsFetched()).isEqualTo(200);
        assertThat(summary.symbolsFailed()).isZero();
        assertThat(summary.barsUpserted()).isEqualTo(200);
        // 1 upcoming-closures call, 2 splits and 2 dividends batches of 100, 1 grouped daily
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/splits"))))
                .hasSize(2);
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/dividends"))))
                .hasSize(2);
        assertThat(summary.apiCalls())
                .isEqualTo(6)
                .isEqualTo(
                        polygon.findAll(anyRequestedFor(urlPathMatching(".*"))).size());
        assertThat(run.checkpoints()).isGreaterThanOrEqualTo(summary.apiCalls());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE provisional", Integer.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE symbol = 'NOTHELD'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM split_fetches", Integer.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT latest_price_date FROM freshness", LocalDate.class))
                .isEqualTo(day);
        assertThat(meters.get("polygon.requests")
                        .tag("endpoint", "aggregates.grouped")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    /** The 60 trading days ending on {@code last}, oldest first. */
    List<LocalDate> sixtySessionsThrough(LocalDate last) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = last;
        while (days.size() < 60) {
            days.addFirst(d);
            d = calendar.previousTradingDay(d);
        }
        return days;
    }

    @Test
    void threeSymbolsMissingSixtyDaysTakeThreeRangeCallsAndARepeatTakesNone() {
        LocalDate last = LocalDate.of(2026, 3, 31);
        List<LocalDate> days = sixtySessionsThrough(last);
        List<String> symbols = List.of("AAPL", "BRK.B", "KIMpL");
        symbols.forEach(s -> buy(s, days.getFirst()));
        stubRange("AAPL", days);
        stubRange("BRK.B", days);
        // KIMpL did not trade on one of the days: covered by the range call all the same
        stubRange("KIMpL", days.stream().filter(d -> !d.equals(days.get(10))).toList());
        evening(last.plusDays(1));
        PriceRequest request = new PriceRequest("acc", null, null, last, LocalDate.of(2024, 1, 1));

        PriceSummary first = fetched(phase.run(request, run));

        assertThat(aggregateRequests()).isEqualTo(3);
        assertThat(first.plan()).isEqualTo("PER_SYMBOL");
        assertThat(first.barsUpserted()).isEqualTo(179);
        assertThat(first.symbolsFetched()).isEqualTo(3);
        assertThat(first.failures()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE NOT provisional", Integer.class))
                .isEqualTo(179);

        polygon.resetRequests();
        PriceSummary repeat = fetched(phase.run(request, new TestRunContext(dataSource)));

        assertThat(aggregateRequests()).isZero();
        assertThat(repeat.plan()).isEqualTo("NONE");
        // splits and closures were already read today: the repeat makes no call at all
        assertThat(repeat.apiCalls()).isZero();
        assertThat(polygon.getAllServeEvents()).isEmpty();
    }

    @Test
    void aSymbolMissingFromTheGroupedAnswerIsAFailureWhileTheOthersAreStored() {
        LocalDate day = LocalDate.of(2026, 1, 6);
        List<String> symbols = List.of("AAA", "BBB", "CCC", "DDD", "GONE");
        symbols.forEach(s -> buy(s, day));
        stubGrouped(day, symbols.subList(0, 4));
        evening(day.plusDays(1));

        PriceSummary summary =
                fetched(phase.run(new PriceRequest("acc", null, null, day, LocalDate.of(2024, 1, 1)), run));

        assertThat(summary.plan()).isEqualTo("GROUPED_DAILY");
        assertThat(summary.symbolsFetched()).isEqualTo(4);
        assertThat(summary.symbolsFailed()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().satisfies(f -> {
            assertThat(f.symbol()).isEqualTo("GONE");
            assertThat(f.error())
                    .startsWith("no bar for 2026-01-06 in the grouped daily answer: Polygon does not know");
        });
        assertThat(jdbc.queryForList("SELECT symbol FROM daily_prices ORDER BY symbol", String.class))
                .containsExactly("AAA", "BBB", "CCC", "DDD");
        // the date is covered: the next run does not ask again
        polygon.resetRequests();
        fetched(phase.run(
                new PriceRequest("acc", null, null, day, LocalDate.of(2024, 1, 1)), new TestRunContext(dataSource)));
        assertThat(aggregateRequests()).isZero();
    }

    @Test
    void aNewSymbolWithHistoryBesideUpToDateOnesIsAMixedPlanOfTwoCalls(@Autowired Prices prices) {
        LocalDate friday = LocalDate.of(2026, 1, 9);
        List<String> held = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
        held.forEach(s -> buy(s, LocalDate.of(2026, 1, 5)));
        List<DailyBar> stored = new ArrayList<>();
        for (String symbol : held) {
            for (LocalDate d : calendar.tradingDaysBetween(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 8))) {
                stored.add(new DailyBar(
                        symbol,
                        d,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.TEN,
                        null,
                        null));
            }
        }
        prices.upsert(run.jdbc(), stored, d -> false, Instant.parse("2026-01-09T23:00:00Z"));
        buy("NEW", LocalDate.of(2025, 12, 1));
        List<LocalDate> history = calendar.tradingDaysBetween(LocalDate.of(2025, 12, 1), friday);
        stubRange("NEW", history);
        stubGrouped(friday, held);
        evening(friday);

        PriceSummary summary = fetched(phase.run(all(), run));

        assertThat(summary.plan()).isEqualTo("MIXED");
        assertThat(aggregateRequests()).isEqualTo(2);
        assertThat(summary.failures()).isEmpty();
        assertThat(summary.symbolsFetched()).isEqualTo(6);
        assertThat(summary.barsUpserted()).isEqualTo(5 + history.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE symbol = 'NEW'", Integer.class))
                .isEqualTo(history.size());
    }

    @Test
    void anEarlyEveningFetchIsProvisionalAndConfirmedByTheNextRun() {
        LocalDate wednesday = LocalDate.of(2026, 1, 7);
        LocalDate thursday = LocalDate.of(2026, 1, 8);
        List<String> symbols = List.of("AAA", "BBB", "CCC");
        symbols.forEach(s -> buy(s, wednesday));
        stubGrouped(wednesday, symbols);
        stubGrouped(thursday, symbols);
        evening(wednesday);

        fetched(phase.run(all(), run));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE provisional", Integer.class))
                .isEqualTo(3);

        polygon.resetRequests();
        evening(thursday);
        PriceSummary next = fetched(phase.run(all(), new TestRunContext(dataSource)));

        assertThat(next.plan()).isEqualTo("GROUPED_DAILY");
        assertThat(aggregateRequests()).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "SELECT trade_date FROM daily_prices WHERE NOT provisional GROUP BY trade_date",
                        LocalDate.class))
                .containsExactly(wednesday);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM daily_prices WHERE provisional AND trade_date = ?",
                        Integer.class,
                        thursday))
                .isEqualTo(3);
    }

    @Test
    void aSettledEveningRunMakesTheNextDailyRunOneCall() {
        LocalDate wednesday = LocalDate.of(2026, 1, 7);
        LocalDate thursday = LocalDate.of(2026, 1, 8);
        List<String> symbols = List.of("AAA", "BBB", "CCC");
        symbols.forEach(s -> buy(s, wednesday));
        stubGrouped(wednesday, symbols);
        stubGrouped(thursday, symbols);
        // 21:00 New York: five hours after the close, Wednesday's bars are settled
        clock.set(wednesday.atTime(21, 0).atZone(TradingCalendar.NEW_YORK).toInstant());
        fetched(phase.run(all(), run));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_prices WHERE provisional", Integer.class))
                .isZero();

        polygon.resetRequests();
        clock.set(thursday.atTime(21, 0).atZone(TradingCalendar.NEW_YORK).toInstant());
        fetched(phase.run(all(), new TestRunContext(dataSource)));
        assertThat(aggregateRequests()).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerForTheLatestSessionIsNotYetNotAFailure() {
        LocalDate day = LocalDate.of(2026, 1, 7);
        List<String> symbols = List.of("AAA", "BBB");
        symbols.forEach(s -> buy(s, day));
        stubGrouped(day, List.of());
        stubRange("AAA", List.of());
        stubRange("BBB", List.of());
        evening(day);

        PriceSummary summary = fetched(phase.run(all(), run));

        assertThat(summary.failures()).isEmpty();
        assertThat(aggregateRequests()).isEqualTo(summary.plan().equals("GROUPED_DAILY") ? 1 : 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM market_closures", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grouped_fetches", Integer.class))
                .isZero();
        assertThat(calendar.isTradingDay(day)).isTrue();
    }

    @Test
    void anEmptyGroupedAnswerForAPastWeekdayRecordsAnUnscheduledClosure() {
        List<String> symbols = List.of("AAA", "BBB", "CCC", "DDD");
        LocalDate wednesday = LocalDate.of(2025, 1, 8);
        LocalDate mourning = LocalDate.of(2025, 1, 9);
        LocalDate friday = LocalDate.of(2025, 1, 10);
        symbols.forEach(s -> buy(s, wednesday));
        stubGrouped(wednesday, symbols);
        stubGrouped(mourning, List.of());
        stubGrouped(friday, symbols);
        evening(LocalDate.of(2025, 1, 13));
        assertThat(calendar.isTradingDay(mourning)).isTrue();

        PriceSummary summary =
                fetched(phase.run(new PriceRequest(null, null, null, friday, LocalDate.of(2024, 1, 1)), run));

        assertThat(summary.plan()).isEqualTo("GROUPED_DAILY");
        assertThat(summary.failures()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT source FROM market_closures WHERE closure_date = ? AND status = 'CLOSED'",
                        String.class,
                        mourning))
                .isEqualTo("EVIDENCE");
        assertThat(calendar.isTradingDay(mourning)).isFalse();
        assertThat(calendar.nextTradingDay(wednesday)).isEqualTo(friday);
    }

    @Test
    void upcomingClosuresOfTheNyseAreRecordedOnceADay() {
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("""
                [{"exchange":"NYSE","name":"Thanksgiving","date":"2026-11-26","status":"closed"},
                 {"exchange":"NYSE","name":"Thanksgiving","date":"2026-11-27","status":"early-close",
                  "open":"2026-11-27T14:30:00.000Z","close":"2026-11-27T18:00:00.000Z"},
                 {"exchange":"OTC","name":"Odd","date":"2026-11-20","status":"closed"}]""")));
        evening(LocalDate.of(2026, 11, 2));

        fetched(phase.run(all(), run));
        fetched(phase.run(all(), new TestRunContext(dataSource)));

        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/v1/marketstatus/upcoming"))))
                .hasSize(1);
        assertThat(calendar.isEarlyClose(LocalDate.of(2026, 11, 27))).isTrue();
        assertThat(calendar.isTradingDay(LocalDate.of(2026, 11, 27))).isTrue();
        assertThat(calendar.sessionClose(LocalDate.of(2026, 11, 27))).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
        assertThat(calendar.isTradingDay(LocalDate.of(2026, 11, 20))).isTrue();
    }

    @Test
    void splitsAreStoredAndReadOncePerDay() {
        LocalDate day = LocalDate.of(2026, 1, 6);
        buy("AAPL", day);
        buy("NVDA", day);
        stubGrouped(day, List.of("AAPL", "NVDA"));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson("""
                {"status":"OK","request_id":"s","results":[
                  {"ticker":"NVDA","execution_date":"2024-06-10","split_from":1,"split_to":10,"id":"N1"},
                  {"ticker":"AAPL","execution_date":"2020-08-31","split_from":1,"split_to":4,"id":"A1"}]}""")));
        evening(day.plusDays(1));

        PriceRequest request = new PriceRequest(null, null, null, day, LocalDate.of(2024, 1, 1));
        fetched(phase.run(request, run));
        fetched(phase.run(request, new TestRunContext(dataSource)));

        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/splits"))))
                .hasSize(1);
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo("/stocks/v1/splits")))
                        .getFirst()
                        .queryParameter("ticker.any_of")
                        .firstValue())
                .isEqualTo("AAPL,NVDA");
        assertThat(jdbc.queryForObject(
                        "SELECT split_to FROM split_events WHERE symbol = 'NVDA' AND execution_date = '2024-06-10'",
                        Integer.class))
                .isEqualTo(10);
    }

    List<LocalDate> storedDates(String symbol) {
        return jdbc.queryForList(
                "SELECT trade_date FROM daily_prices WHERE symbol = ? ORDER BY trade_date", LocalDate.class, symbol);
    }

    @Test
    void alwaysRefreshedSymbolsAreFetchedForTheirLatestSessionWhetherOrNotHeld(
            @Autowired PolygonClient client,
            @Autowired MarketClosures closures,
            @Autowired FetchCoverage coverage,
            @Autowired Prices prices,
            @Autowired SplitEvents splits,
            @Autowired Dividends dividends,
            @Autowired StaleSymbols staleSymbols) {
        PricePhase warm = new PricePhase(
                PolygonProperties.of("key-0123456789abcdef", PolygonStandIn.baseUrl(), 0),
                client,
                calendar,
                closures,
                coverage,
                prices,
                splits,
                dividends,
                unlimitedPacer(),
                new PriceScopeProperties(List.of("SPY", "AAA")),
                staleSymbols,
                clock);
        List<LocalDate> week = List.of(
                LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 6),
                LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 1, 8),
                LocalDate.of(2026, 1, 9));
        buy("AAA", week.getFirst());
        stubRange("AAA", week);
        stubRange("SPY", List.of(week.getLast()));
        week.forEach(d -> stubGrouped(d, List.of("AAA", "SPY")));
        evening(week.getLast());

        PriceSummary summary = fetched(warm.run(all(), run));

        assertThat(summary.symbolsRequested()).isEqualTo(2);
        assertThat(summary.symbolsFailed()).isZero();
        // held since Monday: the whole week; never held: its latest session only
        assertThat(storedDates("AAA")).containsExactlyElementsOf(week);
        assertThat(storedDates("SPY")).containsExactly(week.getLast());
    }

    @Test
    void alwaysRefreshedSymbolsBindFromACommaSeparatedVariable() {
        var source = new MapConfigurationPropertySource(
                Map.of("valuator.prices.always-refresh-symbols", " SPY, BRK.B ,QQQ,SPY"));
        PriceScopeProperties bound = new Binder(source)
                .bind("valuator.prices", PriceScopeProperties.class)
                .get();
        assertThat(bound.alwaysRefreshSymbols()).containsExactly("SPY", "BRK.B", "QQQ");
    }

    @Test
    void explicitSymbolsAreFetchedOverTheWholeWindowEvenBeforeAnyoneHeldThem() {
        List<LocalDate> week = List.of(
                LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 6),
                LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 1, 8),
                LocalDate.of(2026, 1, 9));
        buy("AAA", LocalDate.of(2026, 1, 20)); // first bought after the window
        stubRange("AAA", week);
        stubRange("BBB", week); // never held
        evening(LocalDate.of(2026, 1, 23));

        PriceSummary summary = fetched(phase.run(
                new PriceRequest(
                        null, List.of("AAA", "BBB"), week.getFirst(), week.getLast(), LocalDate.of(2025, 1, 1)),
                run));

        assertThat(summary.symbolsFetched()).isEqualTo(2);
        assertThat(storedDates("AAA")).containsExactlyElementsOf(week);
        assertThat(storedDates("BBB")).containsExactlyElementsOf(week);
    }

    @Test
    void anExplicitSymbolPolygonDoesNotKnowIsAFailureWithASentence() {
        List<LocalDate> week = List.of(
                LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 6),
                LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 1, 8),
                LocalDate.of(2026, 1, 9));
        stubRange("AAA", week);
        // an unknown ticker: Polygon answers OK with no results
        stubRange("ZZZZ", List.of());
        evening(LocalDate.of(2026, 1, 12));

        PriceSummary summary = fetched(phase.run(
                new PriceRequest(
                        null, List.of("AAA", "ZZZZ"), week.getFirst(), week.getLast(), LocalDate.of(2025, 1, 1)),
                run));

        assertThat(summary.symbolsFetched()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().satisfies(f -> {
            assertThat(f.symbol()).isEqualTo("ZZZZ");
            assertThat(f.error())
                    .isEqualTo("Polygon has no data for ZZZZ from 2026-01-05 to 2026-01-09: check the symbol as"
                            + " Polygon writes it (BRK.B, not BRK-B), or it did not trade then");
        });
    }

    @Test
    void anExplicitWindowOlderThanTheBackfillBoundIsFetched() {
        buy("AAA", LocalDate.of(2021, 1, 4));
        List<LocalDate> january = calendar.tradingDaysBetween(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 29));
        assertThat(january).hasSize(19);
        stubRange("AAA", january);
        evening(LocalDate.of(2026, 1, 9));

        PriceSummary summary = fetched(phase.run(
                new PriceRequest(
                        "acc", null, LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 29), LocalDate.of(2024, 1, 9)),
                run));

        assertThat(summary.barsUpserted()).isEqualTo(19);
        assertThat(storedDates("AAA")).containsExactlyElementsOf(january);
    }

    @Test
    void anAuthErrorFailsThePhaseWithAClearMessage() {
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}")));
        evening(LocalDate.of(2026, 1, 7));

        assertThat(phase.run(all(), run))
                .isInstanceOfSatisfying(
                        PriceOutcome.Failed.class,
                        failed -> assertThat(failed.message())
                                .isEqualTo("Polygon rejected the API key (401): Unknown API Key"));
    }

    @Test
    void everySymbolFailingFailsThePhase() {
        LocalDate day = LocalDate.of(2026, 1, 6);
        buy("NOPE", day);
        stubRange("NOPE", List.of());
        evening(day.plusDays(1));

        assertThat(phase.run(all(), run)).isInstanceOfSatisfying(PriceOutcome.Failed.class, failed -> {
            assertThat(failed.message()).startsWith("every symbol failed: NOPE: Polygon has no data for NOPE");
            assertThat(failed.summary().symbolsFailed()).isEqualTo(1);
        });
    }

    @Test
    void withoutAKeyThePhaseFailsFastWithoutCallingPolygon(
            @Autowired PolygonClient client,
            @Autowired MarketClosures closures,
            @Autowired FetchCoverage coverage,
            @Autowired Prices prices,
            @Autowired SplitEvents splits,
            @Autowired Dividends dividends,
            @Autowired StaleSymbols staleSymbols) {
        var noKey = PolygonProperties.of("", PolygonStandIn.baseUrl(), 0);
        PricePhase unconfigured = new PricePhase(
                noKey,
                client,
                calendar,
                closures,
                coverage,
                prices,
                splits,
                dividends,
                unlimitedPacer(),
                PriceScopeProperties.none(),
                staleSymbols,
                clock);

        assertThat(unconfigured.run(all(), run))
                .isInstanceOfSatisfying(
                        PriceOutcome.Failed.class,
                        failed -> assertThat(failed.message()).isEqualTo("POLYGON_API_KEY not configured"));
        assertThat(polygon.getAllServeEvents()).isEmpty();
    }

    /** The summary of a phase that completed (fails the test otherwise). */
    static PriceSummary fetched(PriceOutcome outcome) {
        assertThat(outcome).isInstanceOf(PriceOutcome.Fetched.class);
        return outcome.summary();
    }

    /** Calls unpaced, as the tests' stand-in needs. */
    static Pacer unlimitedPacer() {
        return new Pacer(
                0, java.time.Duration.ofMinutes(1), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
