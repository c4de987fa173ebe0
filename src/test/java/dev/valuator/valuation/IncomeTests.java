package dev.valuator.valuation;

import static dev.valuator.valuation.ValuationFixtures.JAN_10;
import static dev.valuator.valuation.ValuationFixtures.JAN_2;
import static dev.valuator.valuation.ValuationFixtures.JAN_3;
import static dev.valuator.valuation.ValuationFixtures.JAN_6;
import static dev.valuator.valuation.ValuationFixtures.JAN_7;
import static dev.valuator.valuation.ValuationFixtures.JAN_8;
import static dev.valuator.valuation.ValuationFixtures.JAN_9;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.holdings.Accounts;
import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The snapshot fields of docs/api.md "Income and performance", against values worked out by hand. */
@ValuatorTest
class IncomeTests extends RunningService {

    private static final UUID JOB_1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID JOB_2 = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Autowired
    ValuationPhase phase;

    @Autowired
    JdbcClient jdbcClient;

    ValuationFixtures given;

    @BeforeEach
    void fiveSessions() {
        given = new ValuationFixtures(jdbc, phase);
        given.aMarketDay(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
    }

    @Test
    void aSellRealizesItsProceedsLessFeesLessTheAverageCostOfTheSharesThatLeft() {
        given.anAccount("seller");
        given.aBuy("seller", "AAA", JAN_2, "10", "100", "1"); // basis 1,001
        given.aBuy("seller", "AAA", JAN_3, "20", "110"); // basis 3,201 for 30 shares
        given.aTrade("seller", "AAA", JAN_6, "SELL", "12", "120", "2");
        given.aSell("seller", "AAA", JAN_8, "18", "90");
        given.aClose("AAA", JAN_2, "100");

        given.valueAll(JOB_1);

        // Jan 6: proceeds 12 × 120 − 2 = 1,438; basis out 3,201 × 12 / 30 = 1,280.4; realized 157.6
        // Jan 8: proceeds 18 × 90 = 1,620; basis out the rest, 1,920.6; realized −300.6
        assertFields("seller", JAN_2, "0", "0", "0", "1001");
        assertFields("seller", JAN_3, "0", "0", "0", "2200");
        assertFields("seller", JAN_6, "0", "0", "157.6", "-1438");
        assertFields("seller", JAN_7, "0", "0", "157.6", "0");
        assertFields("seller", JAN_8, "0", "0", "-143", "-1620");
    }

    @Test
    void aDividendGoesToTheSharesHeldAtTheCloseOfTheSessionBeforeItsExDate() {
        given.anAccount("holder");
        given.aBuy("holder", "AAA", JAN_3, "10", "20");
        given.aBuy("holder", "AAA", JAN_6, "5", "20"); // bought on the ex-date: not entitled
        given.aBuy("holder", "BBB", JAN_6, "7", "30"); // bought on the ex-date: nothing
        given.aDividend("AAA", JAN_3, "9"); // ex on the day of the first BUY: not entitled
        given.aDividend("AAA", JAN_6, "0.25"); // ex the session after the BUY: 10 shares
        given.aDividend("BBB", JAN_6, "0.4");
        given.aBuy("holder", "CCC", JAN_2, "3", "50");
        given.aSplit("CCC", JAN_7, "1", "2");
        given.aDividend("CCC", JAN_7, "0.3"); // ex on the split's day: the 3 shares of Jan 6's close
        given.aDividend("CCC", JAN_8, "0.1"); // after the split: 6 shares
        given.aClose("AAA", JAN_3, "20");
        given.aClose("BBB", JAN_6, "30");
        given.aClose("CCC", JAN_2, "50");

        given.valueAll(JOB_1);

        // Jan 6: 10 × 0.25 = 2.5; Jan 7: 3 × 0.3 = 0.9; Jan 8: 6 × 0.1 = 0.6
        assertFields("holder", JAN_3, "0", "0", "0", "200");
        assertFields("holder", JAN_6, "2.5", "2.5", "0", "310");
        assertFields("holder", JAN_7, "0.9", "3.4", "0", "0");
        assertFields("holder", JAN_8, "0.6", "4", "0", "0");

        JsonNode data =
                http.get("/api/accounts/holder/dividends", Http.admin()).json().path("data");
        assertThat(data).hasSize(3);
        assertDividend(data.get(0), "AAA", "2025-01-06", "0.25", "10", "2.5");
        assertThat(data.get(0).path("payDate").asString()).isEqualTo("2025-01-20");
        assertDividend(data.get(1), "CCC", "2025-01-07", "0.3", "3", "0.9");
        assertDividend(data.get(2), "CCC", "2025-01-08", "0.1", "6", "0.6");
        assertThat(http.get("/api/accounts/holder/dividends?from=2025-01-07&to=2025-01-07", Http.admin())
                        .json()
                        .path("data"))
                .hasSize(1);
        assertThat(http.get("/api/accounts/holder/dividends?from=2025-01-08&to=2025-01-07", Http.admin())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/accounts/nobody/dividends", Http.admin()).status())
                .isEqualTo(404);
    }

    @Test
    void aDividendLearnedAfterTheFactRestatesTheHistoryFromItsExDate() {
        given.anAccount("late");
        given.aBuy("late", "AAA", JAN_2, "4", "10");
        given.aClose("AAA", JAN_2, "10");
        given.valueAll(JOB_1);

        given.aDividend("AAA", JAN_6, "1.5");
        Accounts.markStale(jdbcClient, Map.of("late", JAN_6));
        given.valueAll(JOB_2);

        assertThat(given.snapshot("late", JAN_3).get("job_id")).isEqualTo(JOB_1);
        assertFields("late", JAN_3, "0", "0", "0", "0");
        assertFields("late", JAN_6, "6", "6", "0", "0");
        assertFields("late", JAN_8, "0", "6", "0", "0");
        assertThat(given.snapshot("late", JAN_8).get("job_id")).isEqualTo(JOB_2);
    }

    @Test
    void theDailyRunGoesOnFromTheCumulativeFieldsOfTheDayBefore() {
        given.anAccount("daily");
        given.aBuy("daily", "AAA", JAN_2, "4", "10");
        given.aSell("daily", "AAA", JAN_3, "1", "12"); // realized 12 − 10 = 2
        given.aDividend("AAA", JAN_6, "1"); // 3 shares
        given.aClose("AAA", JAN_2, "10");
        for (LocalDate day : new LocalDate[] {JAN_2, JAN_3, JAN_6, JAN_7, JAN_8}) {
            given.value(new ValuationRequest(null, null, day, null), JOB_1);
        }

        assertFields("daily", JAN_8, "0", "3", "2", "0");
    }

    @Test
    void aWindowCutByTheBackfillHorizonStartsFromEverythingTheAccountEarnedBefore() {
        given.anAccount("old");
        given.aBuy("old", "AAA", JAN_2, "4", "10");
        given.aSell("old", "AAA", JAN_3, "1", "12"); // realized 2, before the horizon
        given.aDividend("AAA", JAN_3, "0.5"); // 4 shares at Jan 2's close: 2, before the horizon
        given.aDividend("AAA", JAN_7, "1"); // 3 shares: 3
        given.aClose("AAA", JAN_2, "10");

        given.value(new ValuationRequest(null, null, null, JAN_6), JOB_1);

        assertThat(given.snapshot("old", JAN_6)).isNotNull();
        assertFields("old", JAN_6, "0", "2", "2", "0");
        assertFields("old", JAN_7, "3", "5", "2", "0");
    }

    @Test
    void mergerCashIsIncomeAndACashOutRealizesAndTakesMoneyOut() {
        given.aMarketDay(JAN_9, JAN_10);
        given.anAccount("acts");
        given.aBuy("acts", "VMW", JAN_2, "100", "140"); // basis 14,000
        given.aBuy("acts", "TWTR", JAN_2, "40", "50", "2"); // basis 2,002
        given.aClose("VMW", JAN_2, "140");
        given.aClose("AVGO", JAN_7, "945");
        given.aClose("TWTR", JAN_2, "50");
        given.valueAll(JOB_1);

        assertThat(http.post("/api/corporate-actions", """
                        {"type": "STOCK_MERGER", "symbol": "VMW", "newSymbol": "AVGO", "date": "2025-01-07",
                         "ratio": 0.252, "cashPerShare": 76.50}""", Http.json(Http.admin()))
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/api/corporate-actions", """
                        {"type": "CASH_OUT", "symbol": "TWTR", "date": "2025-01-09", "cashPerShare": 55.00}""", Http.json(Http.admin()))
                        .status())
                .isEqualTo(201);
        given.valueAll(JOB_2);

        // Jan 7: 100 × 76.50 = 7,650 income, no money moved; Jan 9: 40 × 55 = 2,200 out, 2,200 − 2,002 = 198 realized
        assertFields("acts", JAN_6, "0", "0", "0", "0");
        assertFields("acts", JAN_7, "7650", "7650", "0", "0");
        assertFields("acts", JAN_9, "0", "7650", "198", "-2200");
        assertFields("acts", JAN_10, "0", "7650", "198", "0");
    }

    private void assertFields(
            String accountId, LocalDate date, String income, String incomeToDate, String realized, String netFlow) {
        Map<String, Object> row = given.snapshot(accountId, date);
        assertThat((BigDecimal) row.get("income")).as("income " + date).isEqualByComparingTo(income);
        assertThat((BigDecimal) row.get("income_to_date"))
                .as("income to date " + date)
                .isEqualByComparingTo(incomeToDate);
        assertThat((BigDecimal) row.get("realized_pnl_to_date"))
                .as("realized to date " + date)
                .isEqualByComparingTo(realized);
        assertThat((BigDecimal) row.get("net_flow")).as("net flow " + date).isEqualByComparingTo(netFlow);
    }

    private static void assertDividend(
            JsonNode row, String symbol, String exDate, String perShare, String shares, String amount) {
        assertThat(row.path("symbol").asString()).isEqualTo(symbol);
        assertThat(row.path("exDate").asString()).isEqualTo(exDate);
        assertThat(row.path("perShare").decimalValue()).isEqualByComparingTo(perShare);
        assertThat(row.path("shares").decimalValue()).isEqualByComparingTo(shares);
        assertThat(row.path("amount").decimalValue()).isEqualByComparingTo(amount);
    }
}
