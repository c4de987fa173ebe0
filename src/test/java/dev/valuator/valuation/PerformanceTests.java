package dev.valuator.valuation;

import static dev.valuator.valuation.ValuationFixtures.JAN_2;
import static dev.valuator.valuation.ValuationFixtures.JAN_3;
import static dev.valuator.valuation.ValuationFixtures.JAN_6;
import static dev.valuator.valuation.ValuationFixtures.JAN_7;
import static dev.valuator.valuation.ValuationFixtures.JAN_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/accounts/{id}/performance} against returns worked out by hand. */
@ValuatorTest
class PerformanceTests extends RunningService {

    private static final LocalDate Y2022 = LocalDate.of(2022, 1, 3);
    private static final LocalDate Y2023 = LocalDate.of(2023, 1, 3);
    private static final LocalDate Y2024 = LocalDate.of(2024, 1, 3);

    @Autowired
    ValuationPhase phase;

    ValuationFixtures given;

    @BeforeEach
    void fixtures() {
        given = new ValuationFixtures(jdbc, phase);
    }

    @Test
    void theTextbookExample() {
        given.aMarketDay(Y2022, Y2023, Y2024);
        given.anAccount("book");
        given.aBuy("book", "AAA", Y2022, "1", "100");
        given.aDividend("AAA", Y2023, "2.00");
        given.aBuy("book", "AAA", Y2023, "1", "120");
        given.aDividend("AAA", Y2024, "2.00");
        given.aSell("book", "AAA", Y2024, "2", "130");
        given.aClose("AAA", Y2022, "100");
        given.aClose("AAA", Y2023, "120");
        given.aClose("AAA", Y2024, "130");
        given.valueAll(UUID.randomUUID());

        JsonNode data = performance("book", "");

        // 2023: r = (240 + 2 − 120) / 100 − 1 = 0.22; 2024: r = (0 + 4 + 260) / 240 − 1 = 0.1
        // twr = 1.22 × 1.1 − 1 = 0.342; over 730 days: 1.342^(365/730) − 1 = 0.15845…
        // mwr: −100 − 118 / (1 + r) + 264 / (1 + r)² = 0 → 1 / (1 + r) = (118 + √119524) / 528 → r = 0.13862…
        assertThat(data.path("from").asString()).isEqualTo("2022-01-03");
        assertThat(data.path("to").asString()).isEqualTo("2024-01-03");
        assertThat(data.path("startValue").decimalValue()).isEqualByComparingTo("100");
        assertThat(data.path("endValue").decimalValue()).isEqualByComparingTo("0");
        assertThat(data.path("netFlow").decimalValue()).isEqualByComparingTo("-140"); // 120 − 260
        assertThat(data.path("income").decimalValue()).isEqualByComparingTo("6");
        assertThat(data.path("realizedPnl").decimalValue()).isEqualByComparingTo("40"); // 260 − 220
        assertThat(data.path("gain").decimalValue()).isEqualByComparingTo("46"); // 0 − 100 + 140 + 6
        assertThat(data.path("twr").decimalValue()).isEqualByComparingTo("0.342");
        assertThat(data.path("twrAnnualized").asDouble()).isCloseTo(0.1584, within(0.00005));
        assertThat(data.path("mwr").asDouble()).isCloseTo(0.1386, within(0.00005));
        assertThat(data.path("mwr").asDouble()).isCloseTo(528 / (118 + Math.sqrt(119524)) - 1, within(1e-9));
        JsonNode daily = data.path("daily");
        assertThat(daily).hasSize(3);
        assertThat(daily.get(0).path("twrToDate").decimalValue()).isEqualByComparingTo("0");
        assertThat(daily.get(1).path("twrToDate").decimalValue()).isEqualByComparingTo("0.22");
        assertThat(daily.get(1).path("income").decimalValue()).isEqualByComparingTo("2");
        assertThat(daily.get(1).path("netFlow").decimalValue()).isEqualByComparingTo("120");
        assertThat(daily.get(2).path("twrToDate").decimalValue()).isEqualByComparingTo("0.342");
        assertThat(daily.get(2).path("value").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void anAccountEmptiedAndRefilledChainsOnlyTheDaysItHeldSomething() {
        given.aMarketDay(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        given.anAccount("refill");
        given.aBuy("refill", "AAA", JAN_2, "10", "10"); // V 100, F 100
        given.aClose("AAA", JAN_2, "10");
        given.aClose("AAA", JAN_3, "11"); // V 110: r = 0.1
        given.aSell("refill", "AAA", JAN_6, "10", "12"); // V 0, F −120: r = 120 / 110 − 1
        given.aBuy("refill", "BBB", JAN_7, "5", "20"); // V_{t−1} = 0, F 100, V 105: r = 105 / 100 − 1
        given.aClose("BBB", JAN_7, "21");
        given.aClose("BBB", JAN_8, "22"); // V 110: r = 110 / 105 − 1
        given.valueAll(UUID.randomUUID());

        JsonNode data = performance("refill", "");

        // 1.1 × 12/11 × 1.05 × 110/105 − 1 = 0.32 (never below −100 %, never divided by an empty value)
        assertThat(data.path("twr").decimalValue()).isEqualByComparingTo("0.32");
        assertThat(data.path("twrAnnualized").isNull()).isTrue(); // 6 days
        JsonNode daily = data.path("daily");
        assertThat(daily).hasSize(5);
        assertThat(daily.get(1).path("twrToDate").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(daily.get(2).path("twrToDate").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(daily.get(3).path("twrToDate").decimalValue()).isEqualByComparingTo("0.26");
        assertThat(daily.get(4).path("twrToDate").decimalValue()).isEqualByComparingTo("0.32");
        // 30 gained on about 100 in 6 days is more than 10⁶ % a year: no rate in the contract's range
        assertThat(data.path("mwr").isNull()).isTrue();
        assertThat(data.path("mwrNote").asString()).startsWith("no rate between");
        assertThat(data.path("gain").decimalValue()).isEqualByComparingTo("30"); // 110 − 100 − (−120 + 100)
    }

    @Test
    void aWindowStartingBeforeTheFirstTradeStartsAtTheFirstSnapshotAndSaysSo() {
        given.aMarketDay(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        given.anAccount("late");
        given.aBuy("late", "AAA", JAN_6, "2", "50");
        given.aClose("AAA", JAN_6, "50");
        given.aClose("AAA", JAN_8, "55");
        given.valueAll(UUID.randomUUID());

        JsonNode data = performance("late", "?from=2024-12-01&to=2025-01-07");

        assertThat(data.path("from").asString()).isEqualTo("2025-01-06");
        assertThat(data.path("to").asString()).isEqualTo("2025-01-07");
        assertThat(data.path("startValue").decimalValue()).isEqualByComparingTo("100");
        assertThat(data.path("twr").decimalValue()).isEqualByComparingTo("0");
        assertThat(data.path("daily")).hasSize(2);
        assertThat(performance("late", "?from=2025-01-07").path("twr").decimalValue())
                .isEqualByComparingTo("0.1");
    }

    @Test
    void aWindowOutsideTheHistoryOrBackwardsIsA400() {
        given.aMarketDay(JAN_2, JAN_3, JAN_6);
        given.anAccount("short");
        given.anAccount("unvalued");
        given.aBuy("short", "AAA", JAN_3, "1", "5");
        given.valueAll(UUID.randomUUID());

        assertThat(status("short", "?from=2025-01-06&to=2025-01-03")).isEqualTo(400);
        assertThat(status("short", "?to=2025-01-02")).isEqualTo(400);
        assertThat(status("short", "?from=2025-01-07")).isEqualTo(400);
        assertThat(status("short", "?from=2025-01-04&to=2025-01-05")).isEqualTo(400);
        assertThat(status("unvalued", "")).isEqualTo(400);
        assertThat(status("nobody", "")).isEqualTo(404);
        assertThat(status("short", "?from=2025-01-02&to=2025-01-06")).isEqualTo(200);
    }

    private JsonNode performance(String account, String query) {
        var response = http.get("/api/accounts/" + account + "/performance" + query, Http.admin());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("data");
    }

    private int status(String account, String query) {
        return http.get("/api/accounts/" + account + "/performance" + query, Http.admin())
                .status();
    }
}
