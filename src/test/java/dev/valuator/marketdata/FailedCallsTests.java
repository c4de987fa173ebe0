package dev.valuator.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every way a provider failure could pass for a success: a 429 storm, an open breaker, a call
 * budget or a deadline spent on failing calls. A run that stored no due close because its calls
 * failed is Failed; one that stored some succeeds, and never claims a date whose close is missing.
 */
@ValuatorTest
class FailedCallsTests extends RunningService {

    /** Friday: the latest session of the runs below. */
    static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

    @Autowired
    PricePhase phase;

    @Autowired
    TradingCalendar calendar;

    @Autowired
    DataSource dataSource;

    WireMockServer polygon = PolygonStandIn.server();
    TestRunContext run;

    @BeforeEach
    void reset() {
        polygon.resetAll();
        calendar.reload();
        run = new TestRunContext(dataSource);
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson(PolygonJson.splits())));
        polygon.stubFor(get(urlPathMatching("/stocks/v1/dividends.*")).willReturn(okJson(PolygonJson.dividends())));
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('acc', 'A', now(), now())");
        clock.set(FRIDAY.atTime(17, 0).atZone(TradingCalendar.NEW_YORK).toInstant());
    }

    void buy(String symbol, LocalDate date) {
        jdbc.update(
                "INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)"
                        + " VALUES ('acc', ?, ?, 'BUY', 10, 100, now())",
                symbol,
                date);
    }

    void range(String symbol, ResponseDefinitionBuilder answer) {
        polygon.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol + "/range/1/day/.*"))
                .willReturn(answer));
    }

    /** Weekday bars of {@code symbol} from {@code from} through Friday. */
    static ResponseDefinitionBuilder bars(String symbol, LocalDate from) {
        Map<LocalDate, PolygonJson.Bar> bars = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(FRIDAY); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                bars.put(d, PolygonJson.Bar.of(20, 21, 19, 20.5, 100));
            }
        }
        return okJson(PolygonJson.range(symbol, bars));
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "0")
                .withBody("{\"status\":\"ERROR\",\"error\":\"no\"}");
    }

    static PriceRequest everything(Integer maxCalls) {
        return new PriceRequest(null, null, null, null, LocalDate.of(2020, 1, 1), maxCalls, null);
    }

    long storedBars() {
        return jdbc.queryForObject("SELECT count(*) FROM daily_prices", Long.class);
    }

    @Test
    void aRateLimitStormThatStoresNothingFailsThePhase() {
        buy("AAA", LocalDate.of(2026, 2, 2));
        range("AAA", status(429));

        PriceOutcome outcome = phase.run(everything(null), run);

        assertThat(outcome).isInstanceOf(PriceOutcome.Failed.class);
        assertThat(outcome.summary().rateLimitedResponses()).isPositive();
        assertThat(storedBars()).isZero();
    }

    @Test
    void behindAnOpenBreakerTheOtherSymbolsAreStillAskedAndTheRunSucceedsNamingTheFailure() {
        buy("AAA", LocalDate.of(2026, 1, 5));
        buy("CCC", LocalDate.of(2026, 1, 12));
        range("AAA", status(503));
        range("CCC", bars("CCC", LocalDate.of(2026, 1, 12)));

        PriceOutcome outcome = phase.run(everything(null), run);

        assertThat(outcome).isInstanceOf(PriceOutcome.Fetched.class);
        assertThat(outcome.summary().symbolsFetched()).isEqualTo(1);
        assertThat(outcome.summary().failures())
                .singleElement()
                .satisfies(f -> assertThat(f.symbol()).isEqualTo("AAA"));
        assertThat(storedBars()).isPositive();
    }

    @Test
    void everyCallRefusedBehindTheBreakerFailsThePhase() {
        buy("AAA", LocalDate.of(2026, 1, 5));
        buy("CCC", LocalDate.of(2026, 1, 12));
        range("AAA", status(503));
        range("CCC", status(503));

        assertThat(phase.run(everything(null), run)).isInstanceOf(PriceOutcome.Failed.class);
        assertThat(storedBars()).isZero();
    }

    @Test
    void aBudgetStopNeverClaimsADateWhoseCallFailed() {
        buy("AAA", LocalDate.of(2026, 1, 5)); // oldest: its call comes first, and fails
        buy("CCC", LocalDate.of(2026, 1, 12)); // stored
        buy("BBB", LocalDate.of(2026, 1, 20)); // left for the next run by the budget
        range("AAA", status(503));
        range("CCC", bars("CCC", LocalDate.of(2026, 1, 12)));
        range("BBB", bars("BBB", LocalDate.of(2026, 1, 20)));

        // the day's reads first (closures, splits, dividends: one call each), then AAA's four
        // attempts and CCC's one (the breaker's probe): the budget of 8 ends there
        PriceOutcome outcome = phase.run(everything(8), run);

        assertThat(outcome).isInstanceOf(PriceOutcome.Fetched.class);
        PriceSummary.Remaining remaining = outcome.summary().remaining();
        assertThat(remaining).isNotNull();
        assertThat(remaining.symbols()).isEqualTo(1);
        // AAA's closes from 2026-01-05 are missing: complete only through the session before
        assertThat(remaining.pricesCompleteThrough()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(outcome.summary().symbolsFetched()).isEqualTo(1); // CCC; BBB was never asked
    }

    @Test
    void aDeadlineLeavingNoTimeAfterFailingReadsFailsThePhase() {
        buy("AAA", LocalDate.of(2026, 3, 2));
        range("AAA", bars("AAA", LocalDate.of(2026, 3, 2)));
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(status(503)));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(status(503)));
        // the fetch deadline has passed: no aggregates call fits
        PriceRequest request = new PriceRequest(
                null,
                null,
                null,
                null,
                LocalDate.of(2020, 1, 1),
                null,
                clock.instant().minusMillis(1));

        PriceOutcome outcome = phase.run(request, run);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PriceOutcome.Failed.class,
                        failed -> assertThat(failed.message()).startsWith("the provider failed"));
        assertThat(storedBars()).isZero();

        // with the reads answered, the same deadline is a budget stop, not a failure
        polygon.resetAll();
        polygon.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        polygon.stubFor(get(urlPathEqualTo("/stocks/v1/splits")).willReturn(okJson(PolygonJson.splits())));
        PriceOutcome stopped = phase.run(request, new TestRunContext(dataSource));
        assertThat(stopped).isInstanceOf(PriceOutcome.Fetched.class);
        assertThat(stopped.summary().remaining().pricesCompleteThrough()).isEqualTo(LocalDate.of(2026, 2, 27));
    }
}
