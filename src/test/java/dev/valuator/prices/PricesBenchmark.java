package dev.valuator.prices;

import dev.valuator.support.Tables;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bulk upsert throughput of the price store: a year of bars for 2,000 symbols. Run with -Pbenchmark. */
@Tag("benchmark")
@ValuatorTest
class PricesBenchmark {

    static final int DAYS = 252;
    static final int SYMBOLS = 2_000;

    @Autowired
    Prices prices;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void upsertsAYearOfBarsForTwoThousandSymbols() {
        Tables.truncateAll(jdbc);
        JdbcClient client = JdbcClient.create(jdbc.getDataSource());
        List<DailyBar> bars = new ArrayList<>(DAYS * SYMBOLS);
        LocalDate day = LocalDate.of(2025, 1, 2);
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < SYMBOLS; s++) {
                BigDecimal close = BigDecimal.valueOf(10_000 + s * 7L + d, 2);
                bars.add(new DailyBar(
                        "S%04d".formatted(s),
                        day,
                        close,
                        close.add(BigDecimal.ONE),
                        close.subtract(BigDecimal.ONE),
                        close,
                        BigDecimal.valueOf(1_000_000L + s),
                        close,
                        1000L + d));
            }
            day = day.plusDays(1);
        }

        long started = System.nanoTime();
        long inserted = prices.upsert(client, bars, d -> false, Instant.parse("2026-01-01T00:00:00Z"));
        double insertSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        long changed = prices.upsert(client, bars, d -> false, Instant.parse("2026-01-02T00:00:00Z"));
        double reupsertSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "{\"benchmark\":\"prices.upsert\",\"rows\":%d,\"inserted\":%d,\"insertSeconds\":%.3f,"
                        + "\"insertRowsPerSecond\":%.0f,\"unchangedReupsertSeconds\":%.3f,"
                        + "\"unchangedRowsPerSecond\":%.0f,\"changedOnReupsert\":%d,\"chunk\":%d}%n",
                bars.size(),
                inserted,
                insertSeconds,
                bars.size() / insertSeconds,
                reupsertSeconds,
                bars.size() / reupsertSeconds,
                changed,
                Prices.CHUNK);
        if (inserted != bars.size() || changed != 0) {
            throw new AssertionError(
                    "expected " + bars.size() + " inserted and 0 changed, got " + inserted + "/" + changed);
        }
    }
}
