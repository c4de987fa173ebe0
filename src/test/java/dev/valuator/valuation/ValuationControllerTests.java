package dev.valuator.valuation;

import static dev.valuator.valuation.ValuationFixtures.JAN_2;
import static dev.valuator.valuation.ValuationFixtures.JAN_3;
import static dev.valuator.valuation.ValuationFixtures.JAN_6;
import static dev.valuator.valuation.ValuationFixtures.JAN_7;
import static dev.valuator.valuation.ValuationFixtures.JAN_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@ValuatorTest
class ValuationControllerTests extends RunningService {

    @Autowired
    ValuationPhase phase;

    @BeforeEach
    void anAccountValuedOverFiveDays() {
        ValuationFixtures given = new ValuationFixtures(jdbc, phase);
        given.aMarketDay(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        given.anAccount("reader");
        given.anAccount("empty");
        given.aBuy("reader", "AAA", JAN_2, "4", "25", "0.5");
        given.aBuy("reader", "ZZZ", JAN_3, "1", "9");
        given.aClose("AAA", JAN_2, "26");
        given.aClose("AAA", JAN_6, "27.25");
        given.valueAll(UUID.randomUUID());
    }

    @Test
    void snapshotsAscendWithTheContractsFields() {
        var response = http.get("/api/accounts/reader/snapshots", Http.admin());

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data).hasSize(5);
        assertThat(data.get(0).path("date").asString()).isEqualTo("2025-01-02");
        assertThat(data.get(4).path("date").asString()).isEqualTo("2025-01-08");
        JsonNode jan2 = data.get(0);
        // 4 × 26 = 104; cost 4 × 25 + 0.5 = 100.5; pnl 3.5; 3.5 / 100.5 × 100 = 3.4825870… → 3.482587
        assertThat(jan2.path("totalValue").decimalValue()).isEqualByComparingTo("104");
        assertThat(jan2.path("totalCost").decimalValue()).isEqualByComparingTo("100.5");
        assertThat(jan2.path("totalPnl").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(jan2.path("pnlPercent").decimalValue()).isEqualByComparingTo("3.482587");
        assertThat(jan2.path("positionCount").asInt()).isEqualTo(1);
        assertThat(jan2.path("pricedPositionCount").asInt()).isEqualTo(1);
        assertThat(jan2.path("partial").asBoolean()).isFalse();
        JsonNode jan3 = data.get(1);
        // ZZZ is never priced: value 104 (AAA carried), cost 100.5 + 9 = 109.5
        assertThat(jan3.path("totalValue").decimalValue()).isEqualByComparingTo("104");
        assertThat(jan3.path("totalCost").decimalValue()).isEqualByComparingTo("109.5");
        assertThat(jan3.path("partial").asBoolean()).isTrue();
        assertThat(jan3.path("pricedPositionCount").asInt()).isEqualTo(1);
    }

    @Test
    void snapshotsBetweenTwoDates() {
        JsonNode data = http.get("/api/accounts/reader/snapshots?from=2025-01-03&to=2025-01-06", Http.admin())
                .json()
                .path("data");

        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("date").asString()).isEqualTo("2025-01-03");
        assertThat(data.get(1).path("date").asString()).isEqualTo("2025-01-06");
    }

    @Test
    void valuationsDefaultToTheLatestSnapshotDate() {
        var response = http.get("/api/accounts/reader/valuations", Http.admin());

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("date").asString()).isEqualTo("2025-01-08");
        JsonNode positions = data.path("positions");
        assertThat(positions).hasSize(2);
        JsonNode aaa = positions.get(0);
        assertThat(aaa.path("symbol").asString()).isEqualTo("AAA");
        assertThat(aaa.path("quantity").decimalValue()).isEqualByComparingTo("4");
        // Jan 8 has no AAA close: the Jan 6 close 27.25 is carried; 4 × 27.25 = 109; 109 − 100.5 = 8.5
        assertThat(aaa.path("closePrice").decimalValue()).isEqualByComparingTo("27.25");
        assertThat(aaa.path("priceDate").asString()).isEqualTo("2025-01-06");
        assertThat(aaa.path("marketValue").decimalValue()).isEqualByComparingTo("109");
        assertThat(aaa.path("costBasis").decimalValue()).isEqualByComparingTo("100.5");
        assertThat(aaa.path("unrealizedPnl").decimalValue()).isEqualByComparingTo("8.5");
        JsonNode zzz = positions.get(1);
        assertThat(zzz.path("symbol").asString()).isEqualTo("ZZZ");
        assertThat(zzz.has("closePrice")).isTrue();
        assertThat(zzz.path("closePrice").isNull()).isTrue();
        assertThat(zzz.path("priceDate").isNull()).isTrue();
        assertThat(zzz.path("marketValue").isNull()).isTrue();
        assertThat(zzz.path("unrealizedPnl").isNull()).isTrue();
        assertThat(zzz.path("costBasis").decimalValue()).isEqualByComparingTo("9");
    }

    @Test
    void valuationsOnAGivenDate() {
        JsonNode data = http.get("/api/accounts/reader/valuations?date=2025-01-02", Http.admin())
                .json()
                .path("data");

        assertThat(data.path("date").asString()).isEqualTo("2025-01-02");
        assertThat(data.path("positions")).hasSize(1);
        assertThat(data.path("positions").get(0).path("marketValue").decimalValue())
                .isEqualByComparingTo("104");
    }

    @Test
    void anAccountWithoutSnapshotsHasNoValuationsYet() {
        var response = http.get("/api/accounts/empty/valuations", Http.admin());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("data").path("date").isNull()).isTrue();
        assertThat(response.json().path("data").path("positions")).isEmpty();
        assertThat(http.get("/api/accounts/empty/snapshots", Http.admin())
                        .json()
                        .path("data"))
                .isEmpty();
    }

    @Test
    void unknownAccountsAre404() {
        assertThat(http.get("/api/accounts/nobody/snapshots", Http.admin()).status())
                .isEqualTo(404);
        var response = http.get("/api/accounts/nobody/valuations", Http.admin());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asString()).contains("nobody");
    }

    @Test
    void badDatesAre400WithDetails() {
        var reversed = http.get("/api/accounts/reader/snapshots?from=2025-01-07&to=2025-01-03", Http.admin());
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().path("details").get(0).path("field").asString())
                .isEqualTo("from");

        var malformed = http.get("/api/accounts/reader/snapshots?to=2025-13-01", Http.admin());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("details").get(0).path("field").asString())
                .isEqualTo("to");

        var badDate = http.get("/api/accounts/reader/valuations?date=yesterday", Http.admin());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("details").get(0).path("message").asString())
                .isEqualTo("must be a date YYYY-MM-DD");
    }

    @Test
    void theReadApisNeedTheAdminToken() {
        assertThat(http.get("/api/accounts/reader/snapshots").status()).isEqualTo(401);
    }
}
