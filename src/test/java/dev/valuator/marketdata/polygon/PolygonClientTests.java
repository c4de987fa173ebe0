package dev.valuator.marketdata.polygon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.valuator.marketdata.calendar.UpcomingClosure;
import dev.valuator.prices.DailyBar;
import dev.valuator.support.PolygonStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PolygonClientTests {

    static final String KEY = "client-test-key-SECRET-42";
    static final LocalDate FROM = LocalDate.of(2026, 1, 5);
    static final LocalDate TO = LocalDate.of(2026, 1, 9);
    static final String RANGE = "/v2/aggs/ticker/AAPL/range/1/day/2026-01-05/2026-01-09";
    static final String GROUPED = "/v2/aggs/grouped/locale/us/market/stocks/2026-01-05";

    WireMockServer polygon = PolygonStandIn.server();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PolygonSession calls = PolygonSession.untracked();

    @BeforeEach
    void reset() {
        polygon.resetAll();
    }

    PolygonClient client() {
        return client(3, Duration.ofSeconds(5));
    }

    PolygonClient client(int maxAttempts, Duration callTimeout) {
        return client(maxAttempts, callTimeout, null);
    }

    PolygonClient client(int maxAttempts, Duration callTimeout, Long maxAnswerBytes) {
        var properties = new PolygonProperties(
                KEY,
                PolygonStandIn.baseUrl(),
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                callTimeout,
                maxAttempts,
                Duration.ofMillis(20),
                Duration.ofSeconds(5),
                5,
                maxAnswerBytes);
        return new PolygonClient(
                properties, new Pacer(properties, meters, java.time.Duration.ofMinutes(1)), Clock.systemUTC(), meters);
    }

    static long nyMidnight(LocalDate date) {
        return date.atStartOfDay(ZoneId.of("America/New_York")).toInstant().toEpochMilli();
    }

    static String bar(LocalDate date, String close) {
        return """
                {"o":%s,"h":%s,"l":%s,"c":%s,"v":1234.5,"t":%d}""".formatted(close, close, close, close, nyMidnight(date));
    }

    static String range(String results, String extra) {
        return """
                {"ticker":"AAPL","queryCount":2,"resultsCount":2,"adjusted":false,"results":%s,
                 "status":"OK","request_id":"r1","count":2%s}""".formatted(results, extra);
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Test
    void decodesBarsExactlyAndAuthenticatesByHeaderOnly() {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .willReturn(okJson(range("""
                [{"o":150.23,"h":151.0,"l":149.5,"c":150.87,"v":51234567.25,"vw":150.4412,"t":%d,"n":512345},
                 {"o":151,"h":152,"l":150,"c":151.5,"v":100,"t":%d}]""".formatted(nyMidnight(FROM), nyMidnight(TO)), ""))));

        List<DailyBar> bars = client().dailyBars("AAPL", FROM, TO, calls);

        assertThat(bars).hasSize(2);
        DailyBar first = bars.getFirst();
        assertThat(first.date()).isEqualTo(FROM);
        assertThat(first.open()).isEqualByComparingTo("150.23");
        assertThat(first.close().toPlainString()).isEqualTo("150.87");
        assertThat(first.volume().toPlainString()).isEqualTo("51234567.25");
        assertThat(first.vwap()).isEqualByComparingTo(new BigDecimal("150.4412"));
        assertThat(first.transactions()).isEqualTo(512345L);
        assertThat(bars.get(1).date()).isEqualTo(TO);
        assertThat(bars.get(1).vwap()).isNull();
        assertThat(bars.get(1).transactions()).isNull();
        LoggedRequest request =
                polygon.findAll(getRequestedFor(urlPathEqualTo(RANGE))).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getUrl())
                .doesNotContain(KEY)
                .contains("adjusted=false")
                .contains("sort=asc");
        assertThat(calls.calls()).isEqualTo(1);
        assertThat(meters.get("polygon.requests")
                        .tag("endpoint", "aggregates.range")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void groupedDailyCarriesTheTickerAndSixteenHundredTimestamps() {
        long fourPm = FROM.atTime(16, 0)
                .atZone(ZoneId.of("America/New_York"))
                .toInstant()
                .toEpochMilli();
        polygon.stubFor(get(urlPathEqualTo(GROUPED)).willReturn(okJson("""
                {"queryCount":2,"resultsCount":2,"adjusted":false,"status":"OK","request_id":"g",
                 "results":[{"T":"BRK.B","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"t":%d},
                            {"T":"KIMpL","o":20,"h":21,"l":19,"c":20.5,"v":3.5,"vw":20.1,"t":%d,"n":7}]}""".formatted(fourPm, fourPm))));

        List<DailyBar> bars = client().groupedDaily(FROM, calls);

        assertThat(bars).extracting(DailyBar::symbol).containsExactly("BRK.B", "KIMpL");
        assertThat(bars).extracting(DailyBar::date).containsOnly(FROM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"results\":null", ",\"results\":[]"})
    void emptyAnswersAreNoData(String results) {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(okJson("""
                {"ticker":"AAPL","queryCount":0,"resultsCount":0,"adjusted":false,"status":"OK","request_id":"e","count":0%s}""".formatted(results))));

        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).isEmpty();
        assertThat(calls.calls()).isEqualTo(1);
    }

    @Test
    void delayedIsStillASuccess() {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .willReturn(okJson(range("[" + bar(FROM, "10.5") + "]", "").replace("\"OK\"", "\"DELAYED\""))));

        assertThat(client().dailyBars("AAPL", FROM, TO, calls))
                .extracting(DailyBar::close)
                .containsExactly(new BigDecimal("10.5"));
    }

    @Test
    void unknownKeyFailsAtOnceWithoutRetrying(CapturedOutput output) {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(error(401, """
                {"status":"ERROR","request_id":"x","error":"Unknown API Key"}""")));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.AuthFailed.class)
                .hasMessage("Polygon rejected the API key (401): Unknown API Key");
        assertThat(polygon.getAllServeEvents()).hasSize(1);
        assertThat(output.getAll()).doesNotContain(KEY);
    }

    @Test
    void planLimitsFailAtOnceWithTheProvidersMessage() {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(error(403, """
                {"status":"NOT_AUTHORIZED","request_id":"x","message":"Your plan doesn't include this data timeframe."}""")));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.AuthFailed.class)
                .hasMessage(
                        "Polygon plan does not allow this request (403): Your plan doesn't include this data timeframe.");
        assertThat(polygon.getAllServeEvents()).hasSize(1);
    }

    @Test
    void notFoundIsNoData() {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(error(404, """
                {"status":"NOT_FOUND","request_id":"x","message":"Data not found."}""")));

        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).isEmpty();
        assertThat(polygon.getAllServeEvents()).hasSize(1);
    }

    private void rateLimitedThenOk(ResponseDefinitionBuilder limited) {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .inScenario("429")
                .whenScenarioStateIs(STARTED)
                .willReturn(limited)
                .willSetStateTo("ok"));
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(range("[" + bar(FROM, "10") + "]", ""))));
    }

    private static ResponseDefinitionBuilder tooMany() {
        return error(429, """
                {"status":"ERROR","request_id":"x","error":"You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing"}""");
    }

    @Test
    void rateLimitedHonoursRetryAfterSeconds() {
        rateLimitedThenOk(tooMany().withHeader("Retry-After", "2"));

        long started = System.nanoTime();
        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).hasSize(1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(calls.calls()).isEqualTo(2);
        assertThat(calls.rateLimitedResponses()).isEqualTo(1);
        assertThat(meters.get("polygon.rate_limited").counter().count()).isEqualTo(1);
    }

    @Test
    void rateLimitedHonoursRetryAfterAsAnHttpDate() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        rateLimitedThenOk(tooMany().withHeader("Retry-After", at));

        long started = System.nanoTime();
        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).hasSize(1);

        // second precision: the wait is between 1 and 2 seconds
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(calls.rateLimitedResponses()).isEqualTo(1);
    }

    @Test
    void aHugeRetryAfterFailsFastInsteadOfHoldingTheRun() {
        rateLimitedThenOk(tooMany().withHeader("Retry-After", "7200"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.RateLimited.class)
                .hasMessageContaining("7200 s")
                .hasMessageContaining("giving up");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(polygon.getAllServeEvents()).hasSize(1);
    }

    @Test
    void retryAfterForms() {
        RetryAfter retryAfter = new RetryAfter(Clock.systemUTC());
        assertThat(retryAfter.parse("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(retryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(retryAfter.parse("99999999999999999999999")).isGreaterThan(Duration.ofDays(365));
        assertThat(retryAfter.parse("soon")).isNull();
        assertThat(retryAfter.parse(null)).isNull();
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffAndRetries() {
        rateLimitedThenOk(tooMany());

        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).hasSize(1);
        assertThat(calls.calls()).isEqualTo(2);
        assertThat(calls.rateLimitedResponses()).isEqualTo(1);
    }

    @Test
    void persistentRateLimitGivesUpAfterTheAttempts() {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(tooMany()));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.RateLimited.class)
                .hasMessageContaining("3 attempts");
        assertThat(polygon.getAllServeEvents()).hasSize(3);
        assertThat(calls.rateLimitedResponses()).isEqualTo(3);
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        rateLimitedThenOk(aResponse().withStatus(500).withBody("<html>Internal Server Error</html>"));

        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).hasSize(1);
        assertThat(calls.calls()).isEqualTo(2);
    }

    @Test
    void connectionResetIsRetried() {
        rateLimitedThenOk(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(client().dailyBars("AAPL", FROM, TO, calls)).hasSize(1);
        assertThat(polygon.getAllServeEvents()).hasSize(2);
    }

    @Test
    void afterAnOutageGaveUpTheRunsLaterCallsAreTriedOnceUntilOneSucceeds() {
        // counted by the run's calls, not the stand-in's journal: an earlier test's dribbled answer may land late
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(aResponse().withStatus(503)));
        PolygonClient client = client();

        assertThatThrownBy(() -> client.dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessage("Polygon server error (503) (gave up after 3 attempts)");
        assertThat(calls.calls()).isEqualTo(3);
        assertThatThrownBy(() -> client.dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessage("Polygon server error (503) (not retried: Polygon already failed earlier in this run)");
        assertThat(calls.calls()).isEqualTo(4);
        // a plan error while the provider is down neither closes nor counts as an outage
        polygon.stubFor(get(urlPathEqualTo(GROUPED)).willReturn(error(403, "{\"status\":\"ERROR\"}")));
        assertThatThrownBy(() -> client.groupedDaily(FROM, calls)).isInstanceOf(PolygonFailure.AuthFailed.class);
        assertThatThrownBy(() -> client.dailyBars("AAPL", FROM, TO, calls))
                .hasMessageEndingWith("(not retried: Polygon already failed earlier in this run)");
        assertThat(calls.calls()).isEqualTo(6);

        // another run starts afresh: its first failing call is retried again
        PolygonSession nextRun = PolygonSession.untracked();
        assertThatThrownBy(() -> client.dailyBars("AAPL", FROM, TO, nextRun))
                .hasMessageEndingWith("(gave up after 3 attempts)");
        assertThat(nextRun.calls()).isEqualTo(3);

        // one success of the run closes the breaker: the next failure is retried in full
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(okJson(range("[" + bar(FROM, "10") + "]", ""))));
        assertThat(client.dailyBars("AAPL", FROM, TO, calls)).hasSize(1);
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> client.dailyBars("AAPL", FROM, TO, calls))
                .hasMessage("Polygon server error (502) (gave up after 3 attempts)");
        assertThat(calls.calls()).isEqualTo(6 + 1 + 3);
    }

    @Test
    void malformedJsonIsRetriedThenReportedUnavailable(CapturedOutput output) {
        polygon.stubFor(get(urlPathEqualTo(RANGE)).willReturn(okJson("{\"results\": [{\"o\": 1,")));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessageContaining("malformed body")
                .hasMessageNotContaining(KEY);
        assertThat(polygon.getAllServeEvents()).hasSize(3);
        assertThat(meters.get("polygon.requests")
                        .tag("outcome", "malformed")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(output.getAll()).doesNotContain(KEY);
    }

    @Test
    void aResponseDribbledSlowerThanTheCallTimeoutIsCutOff() {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .willReturn(okJson(range("[" + bar(FROM, "10") + "]", "")).withChunkedDribbleDelay(20, 4000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client(2, Duration.ofMillis(700)).dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessageContaining("could not be reached");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(calls.calls()).isEqualTo(2);
    }

    @Test
    void followsATwoPageNextUrlChainVerbatim() {
        String next = PolygonStandIn.baseUrl() + RANGE + "?cursor=YWRqdXN0ZWQ9ZmFsc2U";
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .withQueryParam("adjusted", equalTo("false"))
                .willReturn(okJson(range("[" + bar(FROM, "10") + "]", ",\"next_url\":\"" + next + "\""))));
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .withQueryParam("cursor", equalTo("YWRqdXN0ZWQ9ZmFsc2U"))
                .willReturn(okJson(range("[" + bar(TO, "11") + "]", ""))));

        List<DailyBar> bars = client().dailyBars("AAPL", FROM, TO, calls);

        assertThat(bars).extracting(DailyBar::date).containsExactly(FROM, TO);
        List<LoggedRequest> requests = polygon.findAll(getRequestedFor(urlPathEqualTo(RANGE)));
        assertThat(requests).hasSize(2);
        assertThat(requests).allMatch(r -> ("Bearer " + KEY).equals(r.getHeader("Authorization")));
        assertThat(requests).anyMatch(r -> r.getUrl().equals(RANGE + "?cursor=YWRqdXN0ZWQ9ZmFsc2U"));
    }

    @Test
    void aNextUrlLoopEndsPaginationInsteadOfSpinning(CapturedOutput output) {
        String loop = PolygonStandIn.baseUrl() + RANGE + "?cursor=again";
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .withQueryParam("adjusted", equalTo("false"))
                .willReturn(okJson(range("[" + bar(FROM, "10") + "]", ",\"next_url\":\"" + loop + "\""))));
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .withQueryParam("cursor", equalTo("again"))
                .willReturn(okJson(range("[" + bar(TO, "11") + "]", ",\"next_url\":\"" + loop + "\""))));

        List<DailyBar> bars = client().dailyBars("AAPL", FROM, TO, calls);

        assertThat(bars).hasSize(2);
        assertThat(polygon.getAllServeEvents()).hasSize(2);
        assertThat(output.getAll()).contains("next_url repeats an earlier page");
    }

    @Test
    void anAnswerRunningPastThePageCapIsAFailureNotPartOfAnAnswer() {
        // five pages allowed (client()); each page names the next, a sixth would be needed
        for (int page = 0; page < 6; page++) {
            String next = PolygonStandIn.baseUrl() + GROUPED + "?cursor=p" + (page + 1);
            var request = get(urlPathEqualTo(GROUPED));
            request = page == 0
                    ? request.withQueryParam("adjusted", equalTo("false"))
                    : request.withQueryParam("cursor", equalTo("p" + page));
            polygon.stubFor(request.willReturn(okJson("{\"status\":\"OK\",\"resultsCount\":1,\"results\":["
                    + groupedBar("AAA" + page) + "],\"next_url\":\"" + next + "\"}")));
        }

        assertThatThrownBy(() -> client().groupedDaily(FROM, calls))
                .isInstanceOf(PolygonFailure.class)
                .hasMessageContaining("runs past 5 pages");
        assertThat(polygon.getAllServeEvents()).hasSize(5);
    }

    @Test
    void aLaterPageThatFailsFailsTheWholeAnswer() {
        String next = PolygonStandIn.baseUrl() + GROUPED + "?cursor=p1";
        polygon.stubFor(get(urlPathEqualTo(GROUPED))
                .withQueryParam("adjusted", equalTo("false"))
                .willReturn(okJson("{\"status\":\"OK\",\"resultsCount\":1,\"results\":[" + groupedBar("AAA")
                        + "],\"next_url\":\"" + next + "\"}")));
        polygon.stubFor(get(urlPathEqualTo(GROUPED))
                .withQueryParam("cursor", equalTo("p1"))
                .willReturn(error(503, "{\"status\":\"ERROR\"}")));

        assertThatThrownBy(() -> client(2, Duration.ofSeconds(5)).groupedDaily(FROM, calls))
                .isInstanceOf(PolygonFailure.class)
                .hasMessageContaining("503");
    }

    @Test
    void anAnswerLargerThanTheCapIsAClearFailureAndIsNotRead() {
        String results =
                IntStream.range(0, 200).mapToObj(i -> groupedBar("S" + i)).collect(Collectors.joining(","));
        polygon.stubFor(get(urlPathEqualTo(GROUPED))
                .willReturn(okJson("{\"status\":\"OK\",\"resultsCount\":200,\"results\":[" + results + "]}")));

        assertThatThrownBy(() -> client(1, Duration.ofSeconds(5), 4_096L).groupedDaily(FROM, calls))
                .isInstanceOf(PolygonFailure.class)
                .hasMessageContaining("larger than 4096 bytes");
        assertThat(client(1, Duration.ofSeconds(5), 1_000_000L).groupedDaily(FROM, calls))
                .hasSize(200);
    }

    /** One ticker's bar in a grouped-daily answer. */
    static String groupedBar(String ticker) {
        return "{\"T\":\"" + ticker + "\",\"o\":10,\"h\":10,\"l\":10,\"c\":10,\"v\":100,\"t\":" + nyMidnight(FROM)
                + "}";
    }

    @Test
    void aNextUrlOffTheConfiguredHostIsMalformed() {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .willReturn(
                        okJson(range("[" + bar(FROM, "10") + "]", ",\"next_url\":\"https://evil.example/steal\""))));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessageContaining("malformed next_url");
        assertThat(polygon.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anEndlessChainStopsAtThePageCapAsAFailure() {
        polygon.stubFor(get(urlPathEqualTo(RANGE))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody(range(
                                "[" + bar(FROM, "10") + "]",
                                ",\"next_url\":\"" + PolygonStandIn.baseUrl() + RANGE
                                        + "?cursor={{randomValue length=12 type='ALPHANUMERIC'}}\""))));

        assertThatThrownBy(() -> client().dailyBars("AAPL", FROM, TO, calls))
                .isInstanceOf(PolygonFailure.Unavailable.class)
                .hasMessageContaining("runs past 5 pages");
        assertThat(polygon.getAllServeEvents()).hasSize(5);
    }

    @Test
    void splitsAreBatchedWithAnyOf() {
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits"))
                .withQueryParam("ticker.any_of", equalTo("AAPL,BRK.B"))
                .willReturn(okJson("""
                        {"status":"OK","request_id":"s","results":[
                          {"ticker":"AAPL","execution_date":"2020-08-31","split_from":1,"split_to":4,
                           "adjustment_type":"forward_split","historical_adjustment_factor":0.25,"id":"E1"}]}""")));

        var splits = client().splits(List.of("AAPL", "BRK.B"), calls);

        assertThat(splits).singleElement().satisfies(s -> {
            assertThat(s.symbol()).isEqualTo("AAPL");
            assertThat(s.executionDate()).isEqualTo(LocalDate.of(2020, 8, 31));
            assertThat(s.splitTo()).isEqualByComparingTo("4");
            assertThat(s.providerId()).isEqualTo("E1");
        });
    }

    @Test
    void upcomingClosuresAreAnArray() {
        polygon.stubFor(get(urlPathMatching("/v1/marketstatus/upcoming")).willReturn(okJson("""
                [{"exchange":"NYSE","name":"Thanksgiving","date":"2026-11-26","status":"closed"},
                 {"exchange":"NYSE","name":"Thanksgiving","date":"2026-11-27","status":"early-close",
                  "open":"2026-11-27T14:30:00.000Z","close":"2026-11-27T18:00:00.000Z"}]""")));

        var closures = client().upcomingClosures(calls);

        assertThat(closures).extracting(UpcomingClosure::earlyClose).containsExactly(false, true);
        assertThat(closures)
                .extracting(UpcomingClosure::date)
                .containsExactly(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27));
    }
}
