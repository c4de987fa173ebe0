package dev.valuator.marketdata.dividends;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.prices.Dividend;
import dev.valuator.prices.Dividends;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Dividends from {@code /stocks/v1/dividends}: the fewest calls, once a day, what is kept and what it restates. */
@ValuatorTest
class DividendSyncTests extends RunningService {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");
    private static final String DIVIDENDS = "/stocks/v1/dividends";

    @Autowired
    PolygonClient client;

    @Autowired
    Dividends dividends;

    @Autowired
    DataSource dataSource;

    WireMockServer polygon = PolygonStandIn.server();
    DividendSync sync;
    TestRunContext run;
    PolygonSession calls;

    @BeforeEach
    void standIn() {
        polygon.resetAll();
        polygon.stubFor(get(urlPathEqualTo(DIVIDENDS)).willReturn(okJson(PolygonJson.dividends())));
        sync = new DividendSync(client, dividends);
        run = new TestRunContext(dataSource);
        calls = PolygonSession.untracked();
    }

    @Test
    void aTwoYearBackfillOfFiveHundredSymbolsTakesFiveCallsAndItsDailyUpdateOne() {
        Map<String, LocalDate> firstTrades = symbols(500, TODAY.minusYears(2));

        int backfill = readAll(firstTrades, TODAY);
        int again = readAll(firstTrades, TODAY);
        polygon.resetRequests();
        int nextDay = readAll(firstTrades, TODAY.plusDays(1));

        // the contract's bound is "a few dozen"; the plan needs 500 / 100 ticker.any_of batches
        assertThat(backfill).isLessThanOrEqualTo(36).isEqualTo(5);
        assertThat(again).isZero();
        // the next day one market-wide ex-date range replaces five batches
        assertThat(nextDay).isEqualTo(1);
        LoggedRequest update =
                polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS))).getFirst();
        assertThat(update.queryParameter("ticker.any_of").isPresent()).isFalse();
        assertThat(update.queryParameter("ex_dividend_date.gte").firstValue()).isEqualTo("2026-11-27");
        assertThat(update.queryParameter("ex_dividend_date.lte").firstValue()).isEqualTo("2026-12-05");
    }

    @Test
    void aTypicalLedgerReadsItsDividendsInOneCallADay() {
        Map<String, LocalDate> firstTrades = symbols(20, TODAY.minusYears(2));

        assertThat(readAll(firstTrades, TODAY)).isEqualTo(1);
        List<LoggedRequest> requests = polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS)));
        assertThat(requests.getFirst()
                        .queryParameter("ticker.any_of")
                        .firstValue()
                        .split(","))
                .hasSize(20);
        assertThat(requests.getFirst().queryParameter("ex_dividend_date.gte").firstValue())
                .isEqualTo("2024-12-04");
        assertThat(requests.getFirst().queryParameter("limit").firstValue()).isEqualTo("5000");
        assertThat(readAll(firstTrades, TODAY.plusDays(1))).isEqualTo(1);
        // a symbol traded earlier than its dividends are known is read back to its first trade
        firstTrades.put("SYM000", TODAY.minusYears(3));
        polygon.resetRequests();
        assertThat(readAll(firstTrades, TODAY.plusDays(1))).isEqualTo(1);
        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS)))
                        .getFirst()
                        .queryParameter("ticker.any_of")
                        .firstValue())
                .isEqualTo("SYM000");
    }

    @Test
    void usdDividendsAreKeptUnadjustedOthersSkippedAndTheHoldersHistoryRestated() {
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('acc', 'A', now(), now())");
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('new', 'N', now(), now())");
        jdbc.update("""
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)
                VALUES ('acc', 'AAA', '2026-01-05', 'BUY', 10, 100, now()),
                       ('new', 'AAA', '2026-11-30', 'BUY', 10, 100, now())""");
        polygon.stubFor(get(urlPathEqualTo(DIVIDENDS))
                .willReturn(okJson(PolygonJson.dividends(
                        null,
                        PolygonJson.Dividend.usd("E1", "AAA", LocalDate.of(2026, 8, 11), "0.26"),
                        PolygonJson.Dividend.usd("E2", "AAA", LocalDate.of(2026, 11, 10), "0.26"),
                        new PolygonJson.Dividend("E3", "AAA", LocalDate.of(2026, 5, 11), "0.31", "CAD"),
                        PolygonJson.Dividend.usd("E4", "ZZZ", LocalDate.of(2026, 6, 1), "1.00")))));

        readAll(new TreeMap<>(Map.of("AAA", LocalDate.of(2026, 1, 5))), TODAY);

        assertThat(dividends.of("AAA"))
                .extracting(Dividend::exDate, Dividend::cashAmount, Dividend::payDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.of(2026, 8, 11), new BigDecimal("0.26"), LocalDate.of(2026, 8, 25)),
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.of(2026, 11, 10), new BigDecimal("0.26"), LocalDate.of(2026, 11, 24)));
        assertThat(dividends.of("ZZZ")).isEmpty();
        // the holder's history is restated from the earliest dividend it was entitled to; the
        // account that bought after both is not touched
        assertThat(staleFrom("acc")).isEqualTo(LocalDate.of(2026, 8, 11));
        assertThat(staleFrom("new")).isNull();

        jdbc.update("UPDATE accounts SET snapshots_stale_from = NULL");
        polygon.stubFor(get(urlPathEqualTo(DIVIDENDS))
                .willReturn(okJson(PolygonJson.dividends(
                        null,
                        PolygonJson.Dividend.usd("E1", "AAA", LocalDate.of(2026, 8, 11), "0.26"),
                        PolygonJson.Dividend.usd("E2", "AAA", LocalDate.of(2026, 11, 10), "0.27")))));
        readAll(new TreeMap<>(Map.of("AAA", LocalDate.of(2026, 1, 5))), TODAY.plusDays(1));

        // only the corrected one restates, from its own ex-date
        assertThat(staleFrom("acc")).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(dividends.of("AAA").getLast().cashAmount()).isEqualByComparingTo("0.27");
    }

    @Test
    void aRunOutOfBudgetLeavesTheRestForTheNextRun() {
        Map<String, LocalDate> firstTrades = symbols(250, TODAY.minusYears(1));
        int[] allowed = {2};

        assertThat(sync.readDue(run, calls, firstTrades, TODAY, NOW, () -> allowed[0]-- > 0))
                .isEqualTo(2);

        assertThat(polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS)))).hasSize(2);
        assertThat(sync.plan(run.jdbc(), firstTrades, TODAY)).hasSize(1);
    }

    private int readAll(Map<String, LocalDate> firstTrades, LocalDate today) {
        int before = polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS))).size();
        for (DividendSync.Call call : sync.plan(run.jdbc(), firstTrades, today)) {
            sync.read(call, calls, run.jdbc(), run.transactions(), today, NOW);
        }
        return polygon.findAll(getRequestedFor(urlPathEqualTo(DIVIDENDS))).size() - before;
    }

    private static Map<String, LocalDate> symbols(int count, LocalDate firstTrade) {
        Map<String, LocalDate> symbols = new TreeMap<>();
        IntStream.range(0, count).forEach(i -> symbols.put("SYM%03d".formatted(i), firstTrade));
        return symbols;
    }

    private LocalDate staleFrom(String accountId) {
        return jdbc.queryForObject(
                "SELECT snapshots_stale_from FROM accounts WHERE account_id = ?", LocalDate.class, accountId);
    }
}
