package dev.valuator.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/accounts/{id}/performance} over two years of an account with 50 positions
 * (504 sessions, a trade a week, quarterly dividends), warm: 5 calls to warm up, then 50 timed
 * ones. Prints one JSON line; docs/performance.md. Run:
 * {@code ./mvnw -Pbenchmark test -Dtest=PerformanceBenchmark}.
 */
@ValuatorTest
@Tag("benchmark")
class PerformanceBenchmark extends RunningService {

    private static final String GENERATE = """
            CREATE TEMP TABLE bench_days AS
            SELECT row_number() OVER (ORDER BY d)::integer AS ord, d::date AS day
            FROM generate_series(date '2024-01-02', date '2026-01-30', interval '1 day') d
            WHERE extract(isodow FROM d) < 6
            ORDER BY d
            LIMIT 504;
            INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('bench', 'Bench', now(), now());
            INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, provisional, fetched_at)
            SELECT 'S' || lpad(s::text, 2, '0'), d.day, p.c, p.c, p.c, p.c, 1000, false, now()
            FROM generate_series(1, 50) s
            CROSS JOIN bench_days d
            CROSS JOIN LATERAL (SELECT round(20 + s + ((d.ord * 7 + s) % 23) * 0.37 + d.ord * 0.01, 2) AS c) p;
            -- 50 positions bought on the first session, then a BUY a week and a SELL every fifth week
            INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
            SELECT 'bench', 'S' || lpad(s::text, 2, '0'), d.day, 'BUY', 100, 20 + s, 1, now()
            FROM generate_series(1, 50) s JOIN bench_days d ON d.ord = 1;
            INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
            SELECT 'bench', 'S' || lpad((w % 50 + 1)::text, 2, '0'), d.day, CASE WHEN w % 5 = 0 THEN 'SELL' ELSE 'BUY' END,
                   10, 25, 1, now()
            FROM generate_series(1, 100) w JOIN bench_days d ON d.ord = w * 5;
            INSERT INTO dividends (symbol, ex_date, dividend_key, cash_amount, pay_date, fetched_at)
            SELECT 'S' || lpad(s::text, 2, '0'), d.day, 'D' || s || '-' || d.ord, 0.25, d.day + 14, now()
            FROM generate_series(1, 50) s JOIN bench_days d ON d.ord % 63 = s % 63 AND d.ord > 1;
            ANALYZE accounts, trades, daily_prices, dividends""";

    @Autowired
    ValuationPhase phase;

    @Autowired
    DataSource dataSource;

    @Test
    void twoYearsOfFiftyPositionsAnswerWarm() {
        jdbc.execute(GENERATE);
        phase.run(new ValuationRequest(null, null, null, null), new TestRunContext(dataSource, UUID.randomUUID()));
        long snapshots = jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots", Long.class);
        assertThat(snapshots).isEqualTo(504);

        String path = "/api/accounts/bench/performance?from=2024-01-02&to=2026-01-30";
        for (int i = 0; i < 5; i++) {
            assertThat(http.get(path, Http.admin()).status()).isEqualTo(200);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            Http.Response response = http.get(path, Http.admin());
            micros.add((System.nanoTime() - start) / 1_000);
            assertThat(response.status()).isEqualTo(200);
        }
        micros.sort(Long::compare);
        Http.Response last = http.get(path, Http.admin());
        System.out.printf(
                "{\"benchmark\":\"performance-endpoint\",\"sessions\":%d,\"positions\":50,\"calls\":50,"
                        + "\"medianMs\":%.1f,\"p95Ms\":%.1f,\"maxMs\":%.1f,\"dailyPoints\":%d,\"twr\":%s,\"mwr\":%s}%n",
                snapshots,
                micros.get(25) / 1000.0,
                micros.get(47) / 1000.0,
                micros.get(49) / 1000.0,
                last.json().path("data").path("daily").size(),
                last.json().path("data").path("twr"),
                last.json().path("data").path("mwr"));
    }
}
