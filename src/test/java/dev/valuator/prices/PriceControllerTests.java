package dev.valuator.prices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ValuatorTest
class PriceControllerTests extends RunningService {

    @Autowired
    Prices prices;

    @BeforeEach
    void reset() {
        List<DailyBar> bars = List.of(
                bar("BRK.B", "2026-01-05", "450.10", "1234567"),
                bar("BRK.B", "2026-01-06", "451.25", "1000000.5"),
                bar("BRK.B", "2026-01-07", "449.00", "999"),
                bar("KIMpL", "2026-01-06", "21.3", "10"));
        prices.upsert(JdbcClient.create(jdbc.getDataSource()), bars, d -> false, Instant.parse("2026-01-08T00:00:00Z"));
    }

    static DailyBar bar(String symbol, String date, String close, String volume) {
        BigDecimal c = new BigDecimal(close);
        return new DailyBar(
                symbol,
                LocalDate.parse(date),
                c.subtract(BigDecimal.ONE),
                c.add(BigDecimal.TEN),
                c.subtract(BigDecimal.TEN),
                c,
                new BigDecimal(volume),
                null,
                null);
    }

    @Test
    void answersTheBarsOfTheRangeOldestFirstWithExactNumbers() {
        var response = http.get("/api/prices/BRK.B?from=2026-01-06&to=2026-01-07", Http.admin());

        assertThat(response.status()).isEqualTo(200);
        var data = response.json().path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("date").asString()).isEqualTo("2026-01-06");
        assertThat(data.get(0).path("close").decimalValue()).isEqualByComparingTo("451.25");
        assertThat(data.get(0).path("close").isNumber()).isTrue();
        assertThat(data.get(0).path("open").decimalValue()).isEqualByComparingTo("450.25");
        assertThat(data.get(0).path("volume").decimalValue()).isEqualByComparingTo("1000000.5");
        assertThat(data.get(1).path("date").asString()).isEqualTo("2026-01-07");
        assertThat(response.body()).contains("\"close\":451.25");
    }

    @Test
    void withoutARangeAnswersEverythingAndSymbolsAreCaseSensitive() {
        assertThat(http.get("/api/prices/KIMpL", Http.admin()).json().path("data"))
                .hasSize(1);
        assertThat(http.get("/api/prices/BRK.B", Http.admin()).json().path("data"))
                .hasSize(3);
        assertThat(http.get("/api/prices/KIMPL", Http.admin()).json().path("data"))
                .isEmpty();
    }

    @Test
    void rejectsBadSymbolsAndDatesWithDetails() {
        var badSymbol = http.get("/api/prices/brk.b", Http.admin());
        assertThat(badSymbol.status()).isEqualTo(400);
        assertThat(badSymbol.json().path("details").get(0).path("field").asString())
                .isEqualTo("symbol");

        var tooLong = http.get("/api/prices/ABCDEFGHIJKLMNOPQ", Http.admin());
        assertThat(tooLong.status()).isEqualTo(400);

        var badDate = http.get("/api/prices/AAPL?from=2026-13-01", Http.admin());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("details").get(0).path("field").asString())
                .isEqualTo("from");

        var reversed = http.get("/api/prices/AAPL?from=2026-01-07&to=2026-01-06", Http.admin());
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().path("details").get(0).path("message").asString())
                .contains("after");
    }

    @Test
    void needsTheAdminToken() {
        assertThat(http.get("/api/prices/BRK.B").status()).isEqualTo(401);
    }
}
