package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.refresh.RefreshOutcome;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.support.MutableClock;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.valuation.ValuationBenchmark;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger the end-to-end benchmark suites share: {@code accounts} × 25 BUY positions generated
 * in SQL over the benchmark market's symbols ({@link PolygonStandIn#benchmarkMarket}; the shape of
 * {@link ValuationBenchmark}'s data, so its floor applies), and one refresh through the service.
 */
final class BenchmarkLedger {

    static final int POSITIONS = 25;

    private BenchmarkLedger() {}

    /**
     * Empties every table and generates {@code accounts} × 25 BUY positions drawn from
     * {@code symbols} symbols over the {@code days} sessions up to {@code last}: every position
     * bought on the first session, a third bought again on a later one. No prices: the stand-in
     * has them. Returns the milliseconds it took.
     */
    static long generate(
            JdbcTemplate jdbc, List<LocalDate> sessions, LocalDate last, int accounts, int symbols, int days) {
        Tables.truncateAll(jdbc);
        int lastIndex = sessions.indexOf(last);
        List<LocalDate> window = sessions.subList(lastIndex - days + 1, lastIndex + 1);
        String array = window.stream()
                .map(LocalDate::toString)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        // with fewer than 3 sessions, the later purchases fall on the first one too
        String later = days > 2 ? "2 + (a * 3 + k * 11) %% (%5$d - 2)" : "1";
        String sql = ("""
                CREATE TEMP TABLE bench_days AS
                SELECT ord::integer AS ord, day FROM unnest('{%1$s}'::date[]) WITH ORDINALITY AS t(day, ord);
                INSERT INTO accounts (account_id, name, created_at, updated_at)
                SELECT 'A' || lpad(a::text, WIDTH, '0'), 'Account ' || a, now(), now() FROM generate_series(1, %2$d) a;
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
                SELECT 'A' || lpad(a::text, WIDTH, '0'), 'S' || lpad(((a * 37 + k * 20) %% %3$d + 1)::text, 4, '0'), d.day,
                       'BUY', 10 + (a + k) %% 50, 20 + (a * k) %% 100 + 0.25, 1, now()
                FROM generate_series(1, %2$d) a CROSS JOIN generate_series(0, %4$d - 1) k JOIN bench_days d ON d.ord = 1
                UNION ALL
                SELECT 'A' || lpad(a::text, WIDTH, '0'), 'S' || lpad(((a * 37 + k * 20) %% %3$d + 1)::text, 4, '0'), d.day,
                       'BUY', 5, 30 + (a + k) %% 70 + 0.5, 0, now()
                FROM generate_series(1, %2$d) a CROSS JOIN generate_series(0, %4$d - 1) k
                JOIN bench_days d ON d.ord = LATER
                WHERE k %% 3 = 0;
                DROP TABLE bench_days;
                ANALYZE accounts, trades;
                """.replace("LATER", later).replace("WIDTH", Integer.toString(accountIdWidth(accounts))))
                .formatted(array, accounts, symbols, POSITIONS, days);
        return timed(() -> jdbc.execute(sql));
    }

    /** Digits after the "A" of generated account ids: 5 (A00001) up to 99,999 accounts. */
    static int accountIdWidth(int accounts) {
        return Math.max(5, Integer.toString(accounts).length());
    }

    /** One refresh of everything through the service, at 01:00 UTC the day after {@code session}. */
    static RefreshJob refresh(RefreshService refresh, MutableClock clock, LocalDate session) {
        clock.setTicking(session.plusDays(1).atTime(LocalTime.of(1, 0)).toInstant(ZoneOffset.UTC));
        RefreshOutcome outcome = refresh.run(RefreshRequest.EVERYTHING, Caller.CLI);
        assertThat(outcome).isInstanceOf(RefreshOutcome.Finished.class);
        RefreshJob job = ((RefreshOutcome.Finished) outcome).job();
        assertThat(job.status()).as("job %s: %s", job.jobId(), job.error()).isEqualTo(JobStatus.SUCCEEDED);
        return job;
    }
}
