package dev.valuator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.MutableClock;
import dev.valuator.support.Tables;
import dev.valuator.support.ValuatorTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 item 5: walking back through 100,000 job rows costs the same per page. The service
 * runs in this JVM; the load comes from {@link LoadGenerator} in a process of its own. Page 500
 * (rows 49,901–50,000 at the contract's largest page, 100) by keyset must answer with a p99
 * within 2× page 1's; page 500 by offset is measured beside it for comparison (not judged). Writes
 * {@code target/paging-results.json}. Run: {@code ./mvnw -Pbenchmark test -Dtest=PagingBenchmark}.
 */
@ValuatorTest
@Tag("benchmark")
class PagingBenchmark {

    private static final int ROWS = 100_000;
    private static final int LIMIT = 100;
    private static final int PAGE = 500;
    private static final int RATE = 50;
    private static final double SECONDS = 20;
    private static final double WARMUP = 5;

    // ? job rows, one every 77 s back from now, a realistic mix of triggers, sources and outcomes
    static final String JOB_ROWS = """
            INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms,
                                      request, price, valuation, error, running_job_id, instance_id)
            SELECT md5('job' || i)::uuid,
                   CASE WHEN (i / 7) % 5 = 0 THEN 'MANUAL' ELSE 'SCHEDULED' END,
                   CASE WHEN (i / 7) % 5 = 0 THEN 'MANUAL_HTTP' WHEN i % 2 = 0 THEN 'CRON_HTTP' ELSE 'TIMER' END,
                   st.status,
                   now() - (i * interval '77 seconds'),
                   now() - (i * interval '77 seconds') + interval '4 seconds',
                   4000,
                   '{"accountId": null, "symbols": null, "from": null, "to": null}'::jsonb,
                   CASE WHEN st.status = 'SUCCEEDED' THEN '{"plan": "GROUPED_DAILY", "symbolsRequested": 500, "symbolsFetched": 500, "symbolsFailed": 0, "barsUpserted": 500, "apiCalls": 7, "rateLimitedResponses": 0, "durationMs": 900, "failures": []}'::jsonb END,
                   CASE WHEN st.status = 'SUCCEEDED' THEN '{"accounts": 1000, "dates": 1, "positionValuationsUpserted": 25000, "snapshotsUpserted": 1000, "partialSnapshots": 0, "durationMs": 2100}'::jsonb END,
                   CASE st.status WHEN 'FAILED' THEN 'Polygon answered 502 for grouped daily 2026-01-02'
                                  WHEN 'SKIPPED_CONFLICT' THEN 'Refresh already running' END,
                   CASE WHEN st.status = 'SKIPPED_CONFLICT' THEN md5('job' || (i + 1))::uuid END,
                   'bench'
            FROM generate_series(1, ?) i
            CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 = 3 THEN 'FAILED' WHEN i % 10 IN (5, 8) THEN 'SKIPPED_CONFLICT'
                                            ELSE 'SUCCEEDED' END AS status) st""";

    // the last job of page PAGE - 1 in the list's order: page PAGE is the jobs before it
    private static final String CURSOR = """
            SELECT job_id::text FROM refresh_jobs ORDER BY started_at DESC, job_id DESC OFFSET ? LIMIT 1""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    @Test
    void page500CostsWhatPage1Costs() throws Exception {
        Tables.truncateAll(jdbc);
        clock.useRealTime();
        jdbc.update(JOB_ROWS, ROWS);
        jdbc.execute("VACUUM ANALYZE refresh_jobs");
        String cursor = jdbc.queryForObject(CURSOR, String.class, (PAGE - 1) * LIMIT - 1);
        String jobs = "http://127.0.0.1:" + port + "/api/valuations/refresh/jobs?limit=" + LIMIT;

        List<Map<String, Object>> results = generateLoad(
                "page1=" + jobs,
                "page500Keyset=" + jobs + "&before=" + cursor,
                "page500Offset=" + jobs + "&offset=" + (PAGE - 1) * LIMIT);

        Map<String, Object> page1 = results.get(0);
        Map<String, Object> keyset = results.get(1);
        double ratio = number(keyset, "p99Ms") / number(page1, "p99Ms");
        String summary = JSON.writeValueAsString(Map.of(
                "scenario",
                "keyset-paging",
                "jobRows",
                ROWS,
                "limit",
                LIMIT,
                "page",
                PAGE,
                "loadGenerator",
                "separate process (" + LoadGenerator.class.getSimpleName() + ")",
                "results",
                results,
                "page500KeysetP99OverPage1P99",
                Math.round(ratio * 100) / 100.0,
                "target",
                "at most 2"));
        System.out.println(summary);
        Files.writeString(Path.of("target", "paging-results.json"), summary);
        // the offset page is there for comparison: at this rate it may fall behind and time out
        assertThat(List.of(page1, keyset))
                .allSatisfy(r -> assertThat(number(r, "errors")).isZero());
        assertThat(ratio).as("p99 of keyset page 500 / page 1").isLessThanOrEqualTo(2.0);
    }

    /** Runs the load generator in a JVM of its own (this JVM's java and class path). */
    private static List<Map<String, Object>> generateLoad(String... targets) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LoadGenerator.class.getName(),
                Integer.toString(RATE),
                Double.toString(SECONDS),
                Double.toString(WARMUP)));
        command.addAll(List.of(targets));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Map<String, Object>> results = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> result = JSON.readValue(line, Map.class);
                    results.add(result);
                }
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(results).hasSize(targets.length);
        return results;
    }

    private static double number(Map<String, Object> result, String key) {
        return ((Number) result.get(key)).doubleValue();
    }
}
