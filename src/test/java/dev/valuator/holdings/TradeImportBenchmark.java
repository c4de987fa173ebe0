package dev.valuator.holdings;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.Tables;
import dev.valuator.support.ValuatorTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ./mvnw -Pbenchmark test -Dtest=TradeImportBenchmark}: wall time of importing 10,000 CSV
 * trades in one request over real HTTP (parse, validate, one INSERT … SELECT FROM unnest, the
 * split-aware SELL check), five rounds on fresh accounts; prints JSON.
 */
@Tag("benchmark")
@ValuatorTest
class TradeImportBenchmark {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void tenThousandCsvTrades() {
        Tables.truncateAll(jdbc);
        Http http = new Http(port);
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            String account = "bench-" + round;
            http.put("/api/accounts/" + account, "{\"name\":\"Bench\"}", admin(json()));
            StringBuilder csv = new StringBuilder("symbol,tradeDate,side,quantity,price,fees,externalId\n");
            for (int i = 0; i < 10_000; i++) {
                String symbol = "S" + (i % 500);
                // a tenth of the symbols alternate: buy 3 in one pass over the 500 symbols, sell 1 in the next
                boolean sell = i % 10 == 9 && (i / 500) % 2 == 1;
                csv.append(symbol)
                        .append(',')
                        .append(java.time.LocalDate.of(2025, 1, 2).plusDays(i / 40))
                        .append(sell ? ",SELL,1," : ",BUY,3,")
                        .append(100 + i % 300)
                        .append(".25,0.5,ext-")
                        .append(i)
                        .append('\n');
            }
            long started = System.nanoTime();
            var response = http.post(
                    "/api/accounts/" + account + "/trades", csv.toString(), admin("Content-Type", "text/csv"));
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("data").path("inserted").asInt()).isEqualTo(10_000);
            if (round > 0) {
                millis.add(elapsed); // round 0 warms the JIT and the connection pool
            }
        }
        long best = millis.stream().mapToLong(Long::longValue).min().orElseThrow();
        long worst = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = millis.stream().mapToLong(Long::longValue).average().orElseThrow();
        System.out.printf(
                "{\"benchmark\":\"csv-trade-import\",\"trades\":10000,\"rounds\":%d,\"bestMs\":%d,\"meanMs\":%.0f,"
                        + "\"worstMs\":%d,\"tradesPerSecondBest\":%.0f,\"targetMs\":2000}%n",
                millis.size(), best, mean, worst, 10_000 * 1000.0 / best);
    }
}
