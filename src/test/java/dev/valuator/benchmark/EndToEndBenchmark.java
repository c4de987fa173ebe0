package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.ordered;
import static dev.valuator.support.Benchmarks.round2;
import static dev.valuator.support.Benchmarks.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.JobAlerts;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.support.Benchmarks;
import dev.valuator.support.MutableClock;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.PolygonStandIn.Calls;
import dev.valuator.support.Tables;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import dev.valuator.valuation.ValuationBenchmark;
import dev.valuator.valuation.ValuationPhase;
import dev.valuator.valuation.ValuationRequest;
import dev.valuator.valuation.ValuationSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end benchmark suite of docs/performance.md (issue 8): the real service (full Spring
 * context, {@link RefreshService#run}) against this run's PostgreSQL and the WireMock Polygon
 * stand-in, no pacing. Prints one JSON object per scenario and writes them all to
 * {@code target/benchmark-results.json}. Run: {@code ./mvnw -Pbenchmark test -Dtest=EndToEndBenchmark}.
 */
@ValuatorTest
@Tag("benchmark")
class EndToEndBenchmark {

    private static final int ACCOUNTS = 1_000;
    private static final int POSITIONS = BenchmarkLedger.POSITIONS;
    private static final int SYMBOLS = PolygonStandIn.BENCHMARK_SYMBOLS;
    private static final int DAYS = 252;
    /** Accounts the naive loop values (its rows/s is per row, so it is extrapolated to all rows). */
    private static final int NAIVE_ACCOUNTS = 50;
    /** The last session of scenario 1 (a Thursday); scenario 2 adds the Friday after. */
    private static final LocalDate LAST = LocalDate.of(2026, 10, 29);

    private static final double[] LOAD_SECONDS = {1, 5};
    private static final int RATE_PER_SECOND = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RefreshService refresh;

    @Autowired
    ValuationPhase valuationPhase;

    @Autowired
    TradingCalendar calendar;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    private final List<Map<String, Object>> results = new ArrayList<>();
    private List<LocalDate> sessions; // ascending, ends with LAST's next session

    @Test
    void endToEnd() throws Exception {
        long suiteStart = System.nanoTime();
        calendar.reload();
        LocalDate next = calendar.nextTradingDay(LAST);
        sessions = calendar.tradingDaysBetween(LAST.minusDays(760), next);
        WireMockServer standIn = PolygonStandIn.server();
        long stubMs = timed(() -> stubMarket(standIn));

        freePlanning(standIn);
        scaling(standIn);
        Map<String, Object> cold = coldBackfill(standIn);
        dailyIncrement(standIn, next);
        floorAndBaseline();
        opsReads();

        Map<String, Object> machine = ordered(
                "scenario",
                "machine",
                "availableProcessors",
                Runtime.getRuntime().availableProcessors(),
                "javaVersion",
                System.getProperty("java.version"),
                "postgres",
                jdbc.queryForObject("SHOW server_version", String.class),
                "maxHeapMb",
                Runtime.getRuntime().maxMemory() / 1_048_576,
                "stubGenerationMs",
                stubMs,
                "suiteWallMs",
                (System.nanoTime() - suiteStart) / 1_000_000);
        emit(machine);
        Path out = Path.of("target", "benchmark-results.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        assertThat(cold).isNotNull();
    }

    // ------------------------------------------------------------------ stand-in and data

    private void stubMarket(WireMockServer server) {
        PolygonStandIn.benchmarkMarket(sessions, LAST, DAYS);
    }

    private static Calls calls(WireMockServer server) {
        return Calls.of(server);
    }

    private long generate(int accounts, int symbols, int days) {
        return BenchmarkLedger.generate(jdbc, sessions, LAST, accounts, symbols, days);
    }

    private RefreshJob runRefresh(LocalDate session) {
        return BenchmarkLedger.refresh(refresh, clock, session);
    }

    /** One cold-backfill run at a size; the stand-in's journal is reset first. */
    private Map<String, Object> coldRun(
            WireMockServer standIn, int accounts, int symbols, int days, MemorySampler sampler) throws Exception {
        long generationMs = generate(accounts, symbols, days);
        jdbc.execute("CHECKPOINT");
        standIn.resetRequests();
        long start = System.nanoTime();
        RefreshJob job;
        if (sampler != null) {
            sampler.start();
        }
        try {
            job = runRefresh(LAST);
        } finally {
            if (sampler != null) {
                sampler.stop();
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Calls calls = calls(standIn);
        JsonNode price = job.price();
        JsonNode valuation = job.valuation();
        long priceMs = price.get("durationMs").asLong();
        long valuationMs = valuation.get("durationMs").asLong();
        long bars = price.get("barsUpserted").asLong();
        long rows = valuation.get("positionValuationsUpserted").asLong();
        assertThat(rows).isEqualTo((long) accounts * POSITIONS * days);
        assertThat(price.get("symbolsFailed").asLong()).isZero();
        return ordered(
                "accounts",
                accounts,
                "symbols",
                symbols,
                "days",
                days,
                "dataGenerationMs",
                generationMs,
                "price",
                ordered(
                        "plan",
                        price.get("plan").asString(),
                        "aggregatesCalls",
                        calls.aggregates(),
                        "splitsCalls",
                        calls.splits(),
                        "upcomingCalls",
                        calls.upcoming(),
                        "apiCallsReported",
                        price.get("apiCalls").asLong(),
                        "barsUpserted",
                        bars,
                        "ms",
                        priceMs,
                        "barsPerSecond",
                        Math.round(bars * 1000.0 / Math.max(1, priceMs))),
                "valuation",
                ordered(
                        "positionRows",
                        rows,
                        "snapshots",
                        valuation.get("snapshotsUpserted").asLong(),
                        "ms",
                        valuationMs,
                        "rowsPerSecond",
                        Math.round(rows * 1000.0 / Math.max(1, valuationMs))),
                "totalMs",
                job.durationMs(),
                "wallMs",
                wallMs);
    }

    // ------------------------------------------------------------------ scenario 1, 6

    private Map<String, Object> coldBackfill(WireMockServer standIn) throws Exception {
        MemorySampler sampler = new MemorySampler();
        Map<String, Object> run = coldRun(standIn, ACCOUNTS, SYMBOLS, DAYS, sampler);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", "1-cold-backfill");
        report.putAll(run);
        emit(report);
        emit(ordered(
                "scenario",
                "6-memory",
                "during",
                "scenario 1 (price phase + valuation phase), same JVM as the test, the stand-in (WireMock) and the HTTP server",
                "heapBaselineMb",
                sampler.heapBaseline / 1_048_576,
                "peakHeapUsedMb",
                sampler.peakHeap.get() / 1_048_576,
                "peakHeapPoolsSumMb",
                sampler.poolPeaks / 1_048_576,
                "maxHeapMb",
                Runtime.getRuntime().maxMemory() / 1_048_576,
                "rssBaselineMb",
                sampler.rssBaseline / 1024,
                "peakRssSampledMb",
                sampler.peakRss.get() / 1024,
                "vmHwmMb",
                sampler.hwmAfter / 1024,
                "vmHwmResetBeforeRun",
                sampler.hwmReset,
                "targetHeapUnderMb",
                512,
                "met",
                sampler.peakHeap.get() < 512L * 1_048_576));
        return report;
    }

    // ------------------------------------------------------------------ scenario 2

    private void dailyIncrement(WireMockServer standIn, LocalDate next) {
        standIn.resetRequests();
        long rowsBefore = jdbc.queryForObject("SELECT count(*) FROM position_valuations", Long.class);
        long start = System.nanoTime();
        RefreshJob job = runRefresh(next);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Calls calls = calls(standIn);
        List<String> aggregatesUrls = standIn.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl())
                .filter(u -> u.startsWith("/v2/aggs/"))
                .sorted()
                .toList();
        long rowsAfter = jdbc.queryForObject("SELECT count(*) FROM position_valuations", Long.class);
        JsonNode price = job.price();
        JsonNode valuation = job.valuation();
        emit(ordered(
                "scenario",
                "2-daily-increment",
                "accounts",
                ACCOUNTS,
                "newSession",
                next.toString(),
                "aggregatesCalls",
                calls.aggregates(),
                "aggregatesRequests",
                aggregatesUrls,
                "splitsCalls",
                calls.splits(),
                "upcomingCalls",
                calls.upcoming(),
                "plan",
                price.get("plan").asString(),
                "barsUpserted",
                price.get("barsUpserted").asLong(),
                "priceMs",
                price.get("durationMs").asLong(),
                "valuationMs",
                valuation.get("durationMs").asLong(),
                "positionRowsWritten",
                valuation.get("positionValuationsUpserted").asLong(),
                "snapshotsWritten",
                valuation.get("snapshotsUpserted").asLong(),
                "positionRowsAdded",
                rowsAfter - rowsBefore,
                "jobDurationMs",
                job.durationMs(),
                "wallMs",
                wallMs,
                "targets",
                ordered("wallUnderMs", 5000, "aggregatesCalls", 1),
                "met",
                wallMs < 5000 && calls.aggregates() == 1));
        // the previous session's bars, fetched the evening before, are provisional until the next
        // session closes, so the service fetches them once more (see docs/performance.md)
        assertThat(calls.aggregates()).isBetween(1L, 2L);
    }

    // ------------------------------------------------------------------ scenario 3

    /**
     * On scenario 2's data (1,000 accounts, 253 sessions): the floor and the phase on emptied
     * tables after a CHECKPOINT, then the naive loop at {@link #NAIVE_ACCOUNTS} accounts.
     */
    private void floorAndBaseline() throws Exception {
        long rows = jdbc.queryForObject("SELECT count(*) FROM position_valuations", Long.class);
        freshValuationTables();
        long floorMs = timed(() -> Benchmarks.floor(
                jdbc, ValuationBenchmark.FLOOR.replace(":job", "'00000000-0000-0000-0000-00000000f100'::uuid")));
        String floorAll = checksum("~");
        String floorNaive = checksum(naiveLast());

        freshValuationTables();
        ValuationSummary[] summary = new ValuationSummary[1];
        long phaseMs = timed(() -> summary[0] =
                valuationPhase.run(new ValuationRequest(null, null, null, null), new TestRunContext(dataSource)));
        boolean sameRows = checksum("~").equals(floorAll);

        freshValuationTables();
        long naiveStart = System.nanoTime();
        long naiveRows = ValuationBenchmark.naiveLoop(dataSource, NAIVE_ACCOUNTS);
        long naiveMs = (System.nanoTime() - naiveStart) / 1_000_000;
        boolean naiveSame = checksum(naiveLast()).equals(floorNaive);
        double naiveRate = naiveRows * 1000.0 / naiveMs;
        double naiveExtrapolatedMs = rows * 1000.0 / naiveRate;

        double ratio = (double) phaseMs / floorMs;
        double speedup = naiveExtrapolatedMs / phaseMs;
        emit(ordered(
                "scenario",
                "3-floor-and-baseline",
                "positionRows",
                rows,
                "phase",
                ordered(
                        "ms",
                        phaseMs,
                        "rowsPerSecond",
                        Math.round(rows * 1000.0 / phaseMs),
                        "snapshots",
                        summary[0].snapshotsUpserted()),
                "floor",
                ordered("ms", floorMs, "rowsPerSecond", Math.round(rows * 1000.0 / floorMs)),
                "naive",
                ordered(
                        "accounts",
                        NAIVE_ACCOUNTS,
                        "rows",
                        naiveRows,
                        "ms",
                        naiveMs,
                        "rowsPerSecond",
                        Math.round(naiveRate),
                        "extrapolatedMsForAllRows",
                        Math.round(naiveExtrapolatedMs)),
                "ratioToFloor",
                round2(ratio),
                "speedupOverNaive",
                round2(speedup),
                "phaseRowsEqualFloor",
                sameRows,
                "naiveRowsEqualFloor",
                naiveSame,
                "targets",
                ordered("ratioToFloorAtMost", 1.5, "speedupOverNaiveAtLeast", 25),
                "met",
                ratio <= 1.5 && speedup >= 25));
        assertThat(sameRows).as("the phase writes the floor's rows").isTrue();
        assertThat(naiveSame).as("the naive loop writes the floor's rows").isTrue();
    }

    private static String naiveLast() {
        return "A%05d".formatted(NAIVE_ACCOUNTS);
    }

    private void freshValuationTables() {
        jdbc.execute("TRUNCATE position_valuations, portfolio_snapshots");
        jdbc.execute("CHECKPOINT");
    }

    private String checksum(String lastAccount) {
        return jdbc.queryForObject(ValuationBenchmark.CHECKSUM, String.class, lastAccount);
    }

    // ------------------------------------------------------------------ scenario 4

    private void freePlanning(WireMockServer standIn) throws Exception {
        List<Map<String, Object>> shapes = new ArrayList<>();
        shapes.add(planShape(standIn, 500, 1, 1));
        shapes.add(planShape(standIn, 3, 500, 3));
        shapes.add(planShape(standIn, 50, 30, 30));
        emit(ordered(
                "scenario",
                "4-free-tier-planning",
                "shapes",
                shapes,
                "pacing",
                "the client spaces every Polygon call 12.05 s apart at 5/min: N calls take (N-1) x 12.05 s",
                "met",
                shapes.stream().allMatch(s -> Boolean.TRUE.equals(s.get("minimal")))));
    }

    /** One account holding {@code symbols} symbols since {@code days} sessions before {@link #LAST}; an empty price table. */
    private Map<String, Object> planShape(WireMockServer standIn, int symbols, int days, int minimum) {
        Tables.truncateAll(jdbc);
        int last = sessions.indexOf(LAST);
        LocalDate first = sessions.get(last - days + 1);
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES ('P1', 'plan', now(), now())");
        jdbc.update("""
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
                SELECT 'P1', 'S' || lpad(s::text, 4, '0'), ?, 'BUY', 10, 20, 0, now() FROM generate_series(1, ?) s""", first, symbols);
        standIn.resetRequests();
        RefreshJob job = runRefresh(LAST);
        Calls calls = calls(standIn);
        JsonNode price = job.price();
        return ordered(
                "symbols",
                symbols,
                "days",
                days,
                "from",
                first.toString(),
                "to",
                LAST.toString(),
                "plan",
                price.get("plan").asString(),
                "aggregatesCalls",
                calls.aggregates(),
                "groupedCalls",
                calls.grouped(),
                "rangeCalls",
                calls.range(),
                "splitsCalls",
                calls.splits(),
                "upcomingCalls",
                calls.upcoming(),
                "barsUpserted",
                price.get("barsUpserted").asLong(),
                "minimumCalls",
                minimum,
                "minimal",
                calls.aggregates() == minimum,
                "minutesAt5PerMinute",
                calls.aggregates() / 5.0,
                "pacedSecondsAggregatesOnly",
                round2((calls.aggregates() - 1) * 12.05),
                "pacedSecondsAllCalls",
                round2((calls.total() - 1) * 12.05));
    }

    // ------------------------------------------------------------------ scaling

    private void scaling(WireMockServer standIn) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        // accounts 250 / 500 (1,000 is scenario 1) at 500 symbols × 252 days
        runs.add(coldRun(standIn, 250, SYMBOLS, DAYS, null));
        runs.add(coldRun(standIn, 500, SYMBOLS, DAYS, null));
        // symbols 125 / 250 (500 is the 250-account run) at 250 accounts × 252 days
        runs.add(coldRun(standIn, 250, 125, DAYS, null));
        runs.add(coldRun(standIn, 250, 250, DAYS, null));
        // days 63 / 126 (252 is the 250-account run) at 250 accounts × 500 symbols
        runs.add(coldRun(standIn, 250, SYMBOLS, 63, null));
        runs.add(coldRun(standIn, 250, SYMBOLS, 126, null));
        emit(ordered(
                "scenario",
                "1-scaling",
                "note",
                "cold backfill at smaller sizes; the 1,000 × 500 × 252 point is scenario 1",
                "runs",
                runs));
    }

    // ------------------------------------------------------------------ scenario 5

    private void opsReads() throws Exception {
        Tables.truncateAll(jdbc);
        clock.useRealTime();
        long insertMs = timed(() -> jdbc.update(PagingBenchmark.JOB_ROWS, 100_000));
        long vacuumMs = timed(() -> jdbc.execute("VACUUM ANALYZE refresh_jobs"));

        String base = "http://127.0.0.1:" + port + "/api/valuations/refresh";
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("jobsFirstPage", base + "/jobs");
        kinds.put("jobsFiltered", base + "/jobs?status=FAILED&trigger=MANUAL&limit=20");
        kinds.put("jobsDeepOffset", base + "/jobs?offset=50000&limit=20");
        kinds.put("alerts", base + "/alerts");
        kinds.put("freshness", base);
        var executor = Executors.newFixedThreadPool(16);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, Object> endpoints = new LinkedHashMap<>();
        boolean allMet = true;
        for (var kind : kinds.entrySet()) {
            load(client, kind.getValue(), LOAD_SECONDS[0]); // warm-up: JIT, pool, plan cache
            Map<String, Object> measured = load(client, kind.getValue(), LOAD_SECONDS[1]);
            allMet &= (double) measured.get("p99Ms") < 20 && (long) measured.get("errors") == 0;
            endpoints.put(kind.getKey(), measured);
        }
        client.close();
        executor.shutdown();

        Map<String, Object> plans = new LinkedHashMap<>();
        boolean noSeqScan = true;
        Instant since = Instant.now().minus(Duration.ofHours(24));
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("totalsSince", sql("TOTALS").replace(":since", "'" + since + "'::timestamptz"));
        queries.put("recentFinished", sql("RECENT_FINISHED").replace(":limit", "50"));
        queries.put("latestFinishedSucceeded", sql("LATEST_FINISHED").replace(":status", "'SUCCEEDED'"));
        queries.put("latestFinishedFailed", sql("LATEST_FINISHED").replace(":status", "'FAILED'"));
        queries.put("running", sql("RUNNING"));
        for (var q : queries.entrySet()) {
            String plan = jdbc.queryForObject("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + q.getValue(), String.class);
            JsonNode root = JSON.readTree(plan).get(0);
            List<String> nodes = new ArrayList<>();
            boolean seq = walk(root.get("Plan"), nodes);
            noSeqScan &= !seq;
            JsonNode top = root.get("Plan");
            plans.put(
                    q.getKey(),
                    ordered(
                            "nodes",
                            nodes,
                            "seqScanOnRefreshJobs",
                            seq,
                            "rows",
                            top.get("Actual Rows").asLong(),
                            "sharedBuffersHit",
                            top.get("Shared Hit Blocks").asLong(),
                            "sharedBuffersRead",
                            top.get("Shared Read Blocks").asLong(),
                            "executionMs",
                            root.get("Execution Time").asDouble()));
        }
        long tablePages =
                jdbc.queryForObject("SELECT relpages FROM pg_class WHERE relname = 'refresh_jobs'", Long.class);
        emit(ordered(
                "scenario",
                "5-ops-reads",
                "jobRows",
                jdbc.queryForObject("SELECT count(*) FROM refresh_jobs", Long.class),
                "insertMs",
                insertMs,
                "vacuumAnalyzeMs",
                vacuumMs,
                "ratePerSecond",
                RATE_PER_SECOND,
                "secondsPerEndpoint",
                LOAD_SECONDS[1],
                "endpoints",
                endpoints,
                "alertQueries",
                plans,
                "refreshJobsTablePages",
                tablePages,
                "alertsScanWholeTable",
                !noSeqScan,
                "targets",
                ordered("p99UnderMs", 20, "atRequestsPerSecond", RATE_PER_SECOND, "alertsSeqScan", false),
                "met",
                allMet && noSeqScan));
        assertThat(noSeqScan).as("the alert queries do not scan refresh_jobs").isTrue();
    }

    private static String sql(String field) {
        try {
            var f = JobAlerts.class.getDeclaredField(field);
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean walk(JsonNode node, List<String> nodes) {
        String type = node.get("Node Type").asString();
        String relation = node.has("Relation Name") ? node.get("Relation Name").asString() : null;
        String index = node.has("Index Name") ? node.get("Index Name").asString() : null;
        nodes.add(type + (index != null ? " " + index : relation != null ? " " + relation : ""));
        boolean seq = "Seq Scan".equals(type) && "refresh_jobs".equals(relation);
        if (node.has("Plans")) {
            for (JsonNode child : node.get("Plans")) {
                seq |= walk(child, nodes);
            }
        }
        return seq;
    }

    /** Open-loop load: one request every 1/rate s from a scheduler for {@code seconds}; latency from the send. */
    private Map<String, Object> load(HttpClient client, String url, double seconds) throws Exception {
        int total = (int) Math.round(RATE_PER_SECOND * seconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        scheduler.scheduleAtFixedRate(
                () -> {
                    if (sent.incrementAndGet() > total) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    CompletableFuture<HttpResponse<Void>> future =
                            client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
                    future.whenComplete((response, failure) -> {
                        latencies.add(System.nanoTime() - t0);
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    });
                },
                0,
                1_000_000_000L / RATE_PER_SECOND,
                TimeUnit.NANOSECONDS);
        boolean finished = done.await(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        scheduler.shutdownNow();
        assertThat(finished).as("load on %s finished", url).isTrue();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return ordered(
                "requests",
                sorted.length,
                "errors",
                (long) errors.get(),
                "p50Ms",
                ms(percentile(sorted, 0.50)),
                "p99Ms",
                ms(percentile(sorted, 0.99)),
                "maxMs",
                ms(sorted[sorted.length - 1]),
                "throughputPerSecond",
                round2(sorted.length / (elapsed / 1e9)));
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return round2(nanos / 1e6);
    }

    // ------------------------------------------------------------------ helpers

    private void emit(Map<String, Object> report) {
        results.add(report);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
}
