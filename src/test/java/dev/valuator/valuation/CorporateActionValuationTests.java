package dev.valuator.valuation;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Ticker changes, mergers and cash-outs recorded through the API and applied by the engine, with
 * every figure worked out by hand below; deleting an action restores the earlier snapshots.
 */
@ValuatorTest
class CorporateActionValuationTests extends RunningService {

    private static final UUID BEFORE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID WITH_ACTION = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID RESTORED = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    private static final LocalDate JAN_3_2022 = LocalDate.of(2022, 1, 3);
    private static final LocalDate JUN_6 = LocalDate.of(2022, 6, 6);
    private static final LocalDate JUN_7 = LocalDate.of(2022, 6, 7);
    private static final LocalDate JUN_8 = LocalDate.of(2022, 6, 8);
    private static final LocalDate JUN_9 = LocalDate.of(2022, 6, 9);
    private static final LocalDate JUN_10 = LocalDate.of(2022, 6, 10);
    private static final LocalDate JUN_13 = LocalDate.of(2022, 6, 13);

    @Autowired
    ValuationPhase phase;

    ValuationFixtures given;

    @BeforeEach
    void fixtures() {
        given = new ValuationFixtures(jdbc, phase);
    }

    /** FB from 2022-01-03; FB closes through 2022-06-08, META closes from 2022-06-09. */
    private void aFacebookLedger() {
        given.anAccount("fb");
        given.aBuy("fb", "FB", JAN_3_2022, "10", "338.54", "1");
        given.aClose("FB", JAN_3_2022, "338.54");
        given.aClose("FB", JUN_6, "194.25");
        given.aClose("FB", JUN_7, "195.65");
        given.aClose("FB", JUN_8, "196.64");
        given.aClose("META", JUN_9, "184");
        given.aClose("META", JUN_10, "175.57");
        given.aClose("META", JUN_13, "164.26");
    }

    @Test
    void aTickerChangeEnteredByHandContinuesThePositionUnderTheNewSymbol() {
        aFacebookLedger();
        given.valueAll(BEFORE);
        List<Map<String, Object>> historyBefore = positionsBefore("fb", JUN_9);
        // without the change FB sits at its last close: carried, a frozen position
        assertThat(given.position("fb", JUN_13, "FB"))
                .containsEntry("close_price", new BigDecimal("196.64"))
                .containsEntry("price_status", "CARRIED");

        Http.Response posted = postAction("""
                {"type": "TICKER_CHANGE", "symbol": "FB", "newSymbol": "META", "date": "2022-06-09"}""");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode action = posted.json().get("data");
        assertThat(action.get("type").asString()).isEqualTo("TICKER_CHANGE");
        assertThat(action.get("source").asString()).isEqualTo("MANUAL");
        assertThat(action.get("accountsAffected").asInt()).isEqualTo(1);
        assertThat(staleFrom("fb")).isEqualTo(JUN_9);
        given.valueAll(WITH_ACTION);

        // basis 10 × 338.54 + 1 = 3386.4 carried; from Jun 9 valued at META's own closes, no carried FB close
        assertPosition("fb", JUN_8, "FB", "10", "3386.4", "196.64", JUN_8, "1966.4", "CURRENT");
        assertPosition("fb", JUN_9, "META", "10", "3386.4", "184", JUN_9, "1840", "CURRENT");
        assertPosition("fb", JUN_10, "META", "10", "3386.4", "175.57", JUN_10, "1755.7", "CURRENT");
        assertPosition("fb", JUN_13, "META", "10", "3386.4", "164.26", JUN_13, "1642.6", "CURRENT");
        assertThat(symbolsOn("fb", JUN_9)).containsExactly("META");
        assertThat(given.snapshot("fb", JUN_9))
                .containsEntry("total_value", new BigDecimal("1840"))
                .containsEntry("total_cost", new BigDecimal("3386.4"))
                .containsEntry("partial", false);
        // FB's history before the change is unchanged, also when the whole ledger is replayed
        assertThat(positionsBefore("fb", JUN_9)).isEqualTo(historyBefore);
        given.value(new ValuationRequest(null, JAN_3_2022, null, null), RESTORED);
        assertThat(positionsBefore("fb", JUN_9)).isEqualTo(historyBefore);
        assertPosition("fb", JUN_9, "META", "10", "3386.4", "184", JUN_9, "1840", "CURRENT");
    }

    @Test
    void tradesAfterAChangeUnderEitherSymbolLandInOnePosition() {
        aFacebookLedger();
        given.aBuy("fb", "FB", JUN_10, "2", "175");
        given.aSell("fb", "META", JUN_13, "6", "165");
        postAction("""
                {"type": "TICKER_CHANGE", "symbol": "FB", "newSymbol": "META", "date": "2022-06-09"}""");

        given.valueAll(WITH_ACTION);

        // Jun 10: the FB buy recorded after the change is META: 12 held, basis 3386.4 + 2 × 175 = 3736.4
        assertPosition("fb", JUN_10, "META", "12", "3736.4", "175.57", JUN_10, "2106.84", "CURRENT");
        // Jun 13: selling 6 of 12 removes 3736.4 × 6 / 12 = 1868.2; 6 × 164.26 = 985.56
        assertPosition("fb", JUN_13, "META", "6", "1868.2", "164.26", JUN_13, "985.56", "CURRENT");
        assertThat(symbolsOn("fb", JUN_13)).containsExactly("META");
    }

    @Test
    void aStockMergerWithCashCarriesTheBasisAtTheRatioAndPaysIncome() {
        LocalDate nov1 = LocalDate.of(2023, 11, 1);
        LocalDate nov21 = LocalDate.of(2023, 11, 21);
        LocalDate nov22 = LocalDate.of(2023, 11, 22);
        LocalDate nov24 = LocalDate.of(2023, 11, 24);
        given.anAccount("vmw");
        given.aBuy("vmw", "VMW", nov1, "100", "140");
        given.aBuy("vmw", "AAA", nov1, "10", "10");
        given.aClose("VMW", nov1, "140.5");
        given.aClose("VMW", nov21, "142.52");
        given.aClose("AVGO", nov22, "945.15");
        given.aClose("AVGO", nov24, "951.79");
        given.aClose("AAA", nov1, "11");
        given.valueAll(BEFORE);
        List<Map<String, Object>> snapshotsBefore = snapshots("vmw");

        Http.Response posted = postAction("""
                {"type": "STOCK_MERGER", "symbol": "VMW", "newSymbol": "AVGO", "date": "2023-11-22",
                 "ratio": 0.252, "cashPerShare": 76.50}""");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        given.valueAll(WITH_ACTION);

        // 100 VMW × 0.252 = 25.2 AVGO, basis 100 × 140 = 14000 carried; 25.2 × 945.15 = 23817.78
        assertPosition("vmw", nov22, "AVGO", "25.2", "14000", "945.15", nov22, "23817.78", "CURRENT");
        // 25.2 × 951.79 = 23985.108
        assertPosition("vmw", nov24, "AVGO", "25.2", "14000", "951.79", nov24, "23985.108", "CURRENT");
        // with AAA: 10 × 11 = 110 on basis 100 (carried close: AAA has only Nov 1)
        assertThat(given.snapshot("vmw", nov22))
                .containsEntry("total_value", new BigDecimal("23927.78"))
                .containsEntry("total_cost", new BigDecimal("14100"))
                .containsEntry("total_pnl", new BigDecimal("9827.78"))
                .containsEntry("position_count", 2);
        // the snapshot's income fields: 7650 of income that day and to date, nothing realized, no money
        // in or out (the cash is income, not a flow)
        assertThat(given.snapshot("vmw", nov22))
                .containsEntry("income", new BigDecimal("7650"))
                .containsEntry("income_to_date", new BigDecimal("7650"))
                .containsEntry("realized_pnl_to_date", new BigDecimal("0"))
                .containsEntry("net_flow", new BigDecimal("0"));
        assertThat(given.snapshot("vmw", nov24))
                .containsEntry("income", new BigDecimal("0"))
                .containsEntry("income_to_date", new BigDecimal("7650"));
        // the cash: 100 × 76.50 = 7650 income on Nov 22, nothing realized
        assertThat(flows("vmw"))
                .singleElement()
                .satisfies(flow -> assertThat(flow)
                        .containsEntry("flow_date", java.sql.Date.valueOf(nov22))
                        .containsEntry("symbol", "VMW")
                        .containsEntry("action_type", "STOCK_MERGER")
                        .containsEntry("quantity", new BigDecimal("100"))
                        .containsEntry("income", new BigDecimal("7650"))
                        .containsEntry("proceeds", new BigDecimal("0"))
                        .containsEntry("realized_pnl", new BigDecimal("0")));

        deleteAction(posted.json().get("data").get("actionId").asLong());
        given.valueAll(RESTORED);
        assertThat(snapshots("vmw")).isEqualTo(snapshotsBefore);
        assertThat(flows("vmw")).isEmpty();
    }

    @Test
    void aCashOutRemovesThePositionAtThePriceWithItsRealizedPnl() {
        LocalDate oct3 = LocalDate.of(2022, 10, 3);
        LocalDate oct10 = LocalDate.of(2022, 10, 10);
        LocalDate oct27 = LocalDate.of(2022, 10, 27);
        LocalDate oct28 = LocalDate.of(2022, 10, 28);
        LocalDate oct31 = LocalDate.of(2022, 10, 31);
        given.anAccount("twtr");
        given.aBuy("twtr", "TWTR", oct3, "40", "50", "2");
        given.aBuy("twtr", "TWTR", oct10, "10", "48");
        given.aBuy("twtr", "AAA", oct3, "10", "10");
        given.aClose("TWTR", oct3, "51");
        given.aClose("TWTR", oct27, "53.7");
        given.aClose("AAA", oct3, "11");
        given.aMarketDay(oct10, oct28, oct31);
        given.valueAll(BEFORE);
        List<Map<String, Object>> snapshotsBefore = snapshots("twtr");

        Http.Response posted = postAction("""
                {"type": "CASH_OUT", "symbol": "TWTR", "date": "2022-10-28", "cashPerShare": 55.00}""");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("data").get("newSymbol").isNull()).isTrue();
        given.valueAll(WITH_ACTION);

        // Oct 27: 50 held, basis 40 × 50 + 2 + 10 × 48 = 2482; 50 × 53.70 = 2685; with AAA 110 / 100
        assertThat(given.snapshot("twtr", oct27))
                .containsEntry("total_value", new BigDecimal("2795"))
                .containsEntry("total_cost", new BigDecimal("2582"))
                .containsEntry("total_pnl", new BigDecimal("213"));
        // Oct 28: every TWTR share left at 55.00: only AAA remains
        assertThat(symbolsOn("twtr", oct28)).containsExactly("AAA");
        assertThat(symbolsOn("twtr", oct31)).containsExactly("AAA");
        assertThat(given.snapshot("twtr", oct28))
                .containsEntry("total_value", new BigDecimal("110"))
                .containsEntry("total_cost", new BigDecimal("100"))
                .containsEntry("total_pnl", new BigDecimal("10"))
                .containsEntry("position_count", 1);
        // proceeds 50 × 55.00 = 2750 leave the portfolio (a flow out); realized 2750 − 2482 = 268
        assertThat(given.snapshot("twtr", oct28))
                .containsEntry("net_flow", new BigDecimal("-2750"))
                .containsEntry("realized_pnl_to_date", new BigDecimal("268"))
                .containsEntry("income", new BigDecimal("0"));
        assertThat(given.snapshot("twtr", oct31))
                .containsEntry("net_flow", new BigDecimal("0"))
                .containsEntry("realized_pnl_to_date", new BigDecimal("268"));
        assertThat(given.snapshot("twtr", oct27)).containsEntry("realized_pnl_to_date", new BigDecimal("0"));
        assertThat(flows("twtr"))
                .singleElement()
                .satisfies(flow -> assertThat(flow)
                        .containsEntry("flow_date", java.sql.Date.valueOf(oct28))
                        .containsEntry("symbol", "TWTR")
                        .containsEntry("action_type", "CASH_OUT")
                        .containsEntry("quantity", new BigDecimal("50"))
                        .containsEntry("income", new BigDecimal("0"))
                        .containsEntry("proceeds", new BigDecimal("2750"))
                        .containsEntry("realized_pnl", new BigDecimal("268")));

        deleteAction(posted.json().get("data").get("actionId").asLong());
        assertThat(staleFrom("twtr")).isEqualTo(oct28);
        given.valueAll(RESTORED);
        assertThat(snapshots("twtr")).isEqualTo(snapshotsBefore);
        assertThat(flows("twtr")).isEmpty();
    }

    private Http.Response postAction(String body) {
        return http.post("/api/corporate-actions", body, json(admin()));
    }

    private void deleteAction(long actionId) {
        assertThat(http.delete("/api/corporate-actions/" + actionId, admin()).status())
                .isEqualTo(204);
    }

    private LocalDate staleFrom(String accountId) {
        return jdbc.queryForObject(
                "SELECT snapshots_stale_from FROM accounts WHERE account_id = ?", LocalDate.class, accountId);
    }

    private List<String> symbolsOn(String accountId, LocalDate date) {
        return jdbc.queryForList(
                "SELECT symbol FROM position_valuations WHERE account_id = ? AND valuation_date = ? ORDER BY symbol",
                String.class,
                accountId,
                date);
    }

    private List<Map<String, Object>> positionsBefore(String accountId, LocalDate date) {
        return jdbc.queryForList("""
                SELECT valuation_date, symbol, quantity, cost_basis, close_price, price_date, market_value,
                       unrealized_pnl, price_status
                FROM position_valuations WHERE account_id = ? AND valuation_date < ?
                ORDER BY valuation_date, symbol""", accountId, date);
    }

    private List<Map<String, Object>> snapshots(String accountId) {
        return jdbc.queryForList("""
                SELECT snapshot_date, total_value, total_cost, total_pnl, pnl_percent, position_count,
                       priced_position_count, partial, income, income_to_date, realized_pnl_to_date, net_flow
                FROM portfolio_snapshots WHERE account_id = ? ORDER BY snapshot_date""", accountId);
    }

    private List<Map<String, Object>> flows(String accountId) {
        return jdbc.queryForList("""
                SELECT flow_date, symbol, action_type, quantity, income, proceeds, realized_pnl
                FROM action_flows WHERE account_id = ? ORDER BY flow_date, symbol""", accountId);
    }

    private void assertPosition(
            String accountId,
            LocalDate date,
            String symbol,
            String quantity,
            String basis,
            String close,
            LocalDate priceDate,
            String value,
            String status) {
        Map<String, Object> row = given.position(accountId, date, symbol);
        assertThat(row.get("quantity")).as("quantity").isEqualTo(new BigDecimal(quantity));
        assertThat(row.get("cost_basis")).as("basis").isEqualTo(new BigDecimal(basis));
        assertThat(row.get("close_price")).as("close").isEqualTo(new BigDecimal(close));
        assertThat(row.get("price_date")).as("price date").isEqualTo(java.sql.Date.valueOf(priceDate));
        assertThat(row.get("market_value")).as("value").isEqualTo(new BigDecimal(value));
        assertThat(row.get("unrealized_pnl"))
                .as("pnl")
                .isEqualTo(new BigDecimal(value).subtract(new BigDecimal(basis)));
        assertThat(row.get("price_status")).as("status").isEqualTo(status);
    }
}
