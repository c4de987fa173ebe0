package dev.valuator.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.valuator.support.Benchmarks.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.refresh.RefreshOutcome;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.support.MutableClock;
import dev.valuator.support.PolygonJson;
import dev.valuator.support.Tables;
import dev.valuator.valuation.ValuationBenchmark;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The market and the ledger the end-to-end benchmark suites share: 500 symbols with a close for
 * every session on the Polygon stand-in (grouped-daily and per-symbol range answers), and
 * {@code accounts} × 25 BUY positions generated in SQL (the shape of {@link ValuationBenchmark}'s
 * data, so its floor applies).
 */
final class BenchmarkMarket {

    static final int POSITIONS = 25;
    static final int SYMBOLS = 500;

    private BenchmarkMarket() {}

    static String symbol(int s) {
        return "S%04d".formatted(s);
    }

    /** Symbol {@code s}'s close on the session of index {@code ord} in the stubbed session list. */
    static String close(int s, int ord) {
        long cents = 2000 + (s % 200) * 100L + ((ord * 7L + s) % 23) * 37;
        return cents / 100 + "." + "%02d".formatted(cents % 100);
    }

    /**
     * Grouped-daily answers (all 500 symbols, as Polygon answers for all US stocks) for every one
     * of {@code sessions}; per-symbol range answers (the planner picks them whenever a shape has
     * fewer symbols than days): symbols 1–3 answer every session, the others the {@code rangeDays}
     * sessions up to {@code last} and the ones after it.
     */
    static void stub(WireMockServer server, List<LocalDate> sessions, LocalDate last, int rangeDays) {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v1/marketstatus/upcoming")).willReturn(okJson("[]")));
        server.stubFor(get(urlPathMatching("/stocks/v1/splits.*"))
                .willReturn(okJson("{\"status\":\"OK\",\"request_id\":\"s1\",\"results\":[]}")));
        server.stubFor(get(urlPathMatching("/stocks/v1/dividends.*")).willReturn(okJson(PolygonJson.dividends())));
        server.stubFor(get(urlPathMatching("/v3/reference/splits.*"))
                .willReturn(okJson("{\"status\":\"OK\",\"request_id\":\"s2\",\"results\":[]}")));
        for (int i = 0; i < sessions.size(); i++) {
            LocalDate d = sessions.get(i);
            long t =
                    d.atTime(16, 0).atZone(TradingCalendar.NEW_YORK).toInstant().toEpochMilli();
            StringJoiner bars = new StringJoiner(",");
            for (int s = 1; s <= SYMBOLS; s++) {
                String c = close(s, i);
                bars.add("{\"T\":\"" + symbol(s) + "\",\"o\":" + c + ",\"h\":" + c + ",\"l\":" + c + ",\"c\":" + c
                        + ",\"v\":1000,\"vw\":" + c + ",\"t\":" + t + ",\"n\":10}");
            }
            String body = "{\"queryCount\":" + SYMBOLS + ",\"resultsCount\":" + SYMBOLS
                    + ",\"adjusted\":false,\"results\":[" + bars + "],\"status\":\"OK\",\"request_id\":\"g\",\"count\":"
                    + SYMBOLS + "}";
            server.stubFor(get(urlPathEqualTo("/v2/aggs/grouped/locale/us/market/stocks/" + d))
                    .willReturn(okJson(body)));
        }
        int lastIndex = sessions.indexOf(last);
        for (int s = 1; s <= SYMBOLS; s++) {
            StringJoiner bars = new StringJoiner(",");
            int from = s <= 3 ? 0 : Math.max(0, lastIndex - rangeDays + 1);
            for (int i = from; i < sessions.size(); i++) {
                long t = sessions.get(i)
                        .atStartOfDay(TradingCalendar.NEW_YORK)
                        .toInstant()
                        .toEpochMilli();
                String c = close(s, i);
                bars.add("{\"o\":" + c + ",\"h\":" + c + ",\"l\":" + c + ",\"c\":" + c + ",\"v\":1000,\"vw\":" + c
                        + ",\"t\":" + t + ",\"n\":10}");
            }
            int count = sessions.size() - from;
            String body = "{\"ticker\":\"" + symbol(s) + "\",\"queryCount\":" + count + ",\"resultsCount\":" + count
                    + ",\"adjusted\":false,\"results\":[" + bars + "],\"status\":\"OK\",\"request_id\":\"r\",\"count\":"
                    + count + "}";
            server.stubFor(get(urlPathMatching("/v2/aggs/ticker/" + symbol(s) + "/range/1/day/.*"))
                    .willReturn(okJson(body)));
        }
    }

    /** The stand-in's journal since its last reset, by kind of call. */
    record Calls(long aggregates, long grouped, long range, long splits, long upcoming, long total) {

        static Calls of(WireMockServer server) {
            List<ServeEvent> events = server.getAllServeEvents();
            long grouped = 0, range = 0, splits = 0, upcoming = 0;
            for (ServeEvent e : events) {
                String url = e.getRequest().getUrl();
                if (url.startsWith("/v2/aggs/grouped/")) {
                    grouped++;
                } else if (url.startsWith("/v2/aggs/ticker/")) {
                    range++;
                } else if (url.contains("splits")) {
                    splits++;
                } else if (url.startsWith("/v1/marketstatus/upcoming")) {
                    upcoming++;
                }
            }
            return new Calls(grouped + range, grouped, range, splits, upcoming, events.size());
        }
    }

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
