package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.ordered;
import static dev.valuator.support.Benchmarks.round2;
import static dev.valuator.support.Benchmarks.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.support.Benchmarks;
import dev.valuator.support.MutableClock;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.PolygonStandIn.Calls;
import dev.valuator.support.Tables;
import dev.valuator.support.ValuatorTest;
import dev.valuator.valuation.ValuationBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale table of docs/performance.md (issue 16): at each size ({@code accounts} × 25
 * positions, 500 symbols, a history of {@code days} sessions) the cold backfill and the daily
 * increment through the service ({@link RefreshService#run}, the WireMock stand-in, no pacing),
 * each next to its floor measured in the same run, plus peak heap and storage sizes; at one size
 * the storage comparison of {@link PartitioningComparison}. Prints one JSON line per measurement
 * and writes them all to {@code target/scale-results.json}.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark test -Dtest=ScaleBenchmark}. System properties:
 * <ul>
 *   <li>{@code scale.accounts} — the sizes, default {@code 1000,10000,100000};
 *   <li>{@code scale.days} — the history of each size (same order), default 252 up to 1,000
 *       accounts, 63 up to 10,000, 10 above (so the whole suite fits ~15 minutes on 2 idle cores
 *       and the 100,000 run ~5 GB of disk);
 *   <li>{@code scale.partitioning} — the size (accounts) whose data the partitioning comparison
 *       uses, default 1000; {@code 0} skips it;
 *   <li>{@code scale.profile} — {@code true} samples the increment every 5 ms ({@link RunProfiler}:
 *       the service's stack and PostgreSQL's active statements): where its time goes; and
 *       before it, {@link IncrementExplain}'s plans of the phase's first statements.
 * </ul>
 * A smoke run: {@code -Dscale.accounts=100 -Dscale.partitioning=100}.
 */
@ValuatorTest
@Tag("benchmark")
class ScaleBenchmark {

    /** The last session of the history (a Thursday); the increment adds the Friday after. */
    private static final LocalDate LAST = LocalDate.of(2026, 10, 29);

    private static final double RATIO_TARGET = 3.0;
    private static final long WALL_TARGET_MS_AT_1K = 1500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DAY_CHECKSUM =
            ValuationBenchmark.CHECKSUM.replace("WHERE account_id <= ?", "WHERE valuation_date = ?");

    // The increment's floor: the new session's position rows from the previous session's stored
    // positions (quantity and basis carried: no trades in between) and the new closes, computed
    // the way the engine stores them (trim_scale'd market value). The previous session's rows are
    // read by one primary-key range per account (no index leads with valuation_date: a plain
    // WHERE valuation_date = ? would scan the whole history and make the floor grow with it).
    // The increment's floor: the new day's position rows from the previous day's stored positions
    // and the new closes, as two hand-written shapes; the faster of the two is the floor (the
    // planner turns the joined form into a scan of the whole history at some sizes, and the
    // per-account form costs a subquery per account at others).
    private static final String INCREMENT_FLOOR_JOINED = """
            INSERT INTO position_valuations (account_id, valuation_date, symbol, quantity, cost_basis, close_price,
                                             price_date, market_value, unrealized_pnl, job_id)
            SELECT pv.account_id, p.trade_date, pv.symbol, pv.quantity, pv.cost_basis, p.close, p.trade_date,
                   trim_scale(pv.quantity * p.close), trim_scale(pv.quantity * p.close) - pv.cost_basis,
                   '00000000-0000-0000-0000-00000000f200'::uuid
            FROM accounts a
            CROSS JOIN LATERAL (SELECT * FROM position_valuations pv
                                WHERE pv.account_id = a.account_id AND pv.valuation_date = ?) pv
            JOIN daily_prices p ON p.symbol = pv.symbol AND p.trade_date = ?""";

    private static final String INCREMENT_FLOOR_PER_ACCOUNT =
            INCREMENT_FLOOR_JOINED.replace("AND pv.valuation_date = ?) pv", "AND pv.valuation_date = ? OFFSET 0) pv");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RefreshService refresh;

    @Autowired
    TradingCalendar calendar;

    @Autowired
    MutableClock clock;

    private final List<Map<String, Object>> results = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private List<LocalDate> sessions;

    @Test
    void scale() throws Exception {
        long suiteStart = System.nanoTime();
        int[] accounts = ints(System.getProperty("scale.accounts", "1000,10000,100000"));
        int[] days = System.getProperty("scale.days") == null
                ? Arrays.stream(accounts).map(ScaleBenchmark::defaultDays).toArray()
                : ints(System.getProperty("scale.days"));
        assertThat(days).as("scale.days: one history per size").hasSameSizeAs(accounts);
        int partitioningAt = Integer.getInteger("scale.partitioning", 1000);
        int maxDays = Arrays.stream(days).max().orElseThrow();

        calendar.reload();
        LocalDate next = calendar.nextTradingDay(LAST);
        sessions = calendar.tradingDaysBetween(LAST.minusDays(maxDays * 3L / 2 + 30), next);
        assertThat(sessions.indexOf(LAST)).isGreaterThanOrEqualTo(maxDays - 1);
        WireMockServer standIn = PolygonStandIn.server();
        long stubMs = timed(() -> PolygonStandIn.benchmarkMarket(sessions, LAST, maxDays));

        List<Map<String, Object>> chosen = new ArrayList<>();
        for (int i = 0; i < accounts.length; i++) {
            chosen.add(ordered(
                    "accounts",
                    accounts[i],
                    "days",
                    days[i],
                    "positionRows",
                    (long) accounts[i] * BenchmarkLedger.POSITIONS * days[i]));
        }
        emit(ordered(
                "measurement",
                "plan",
                "positionsPerAccount",
                BenchmarkLedger.POSITIONS,
                "symbols",
                PolygonStandIn.BENCHMARK_SYMBOLS,
                "sizes",
                chosen,
                "incrementSession",
                next.toString(),
                "partitioningAtAccounts",
                partitioningAt));

        for (int i = 0; i < accounts.length; i++) {
            size(standIn, accounts[i], days[i], next, accounts[i] == partitioningAt);
        }

        emit(ordered(
                "measurement",
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
                (System.nanoTime() - suiteStart) / 1_000_000,
                "targetsMissed",
                missed));
        Path out = Path.of("target", "scale-results.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Tables.truncateAll(jdbc);
        assertThat(missed).as("targets missed").isEmpty();
    }

    static int defaultDays(int accounts) {
        return accounts <= 1_000 ? 252 : accounts <= 10_000 ? 63 : 10;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    // ------------------------------------------------------------------ one size

    private void size(WireMockServer standIn, int accounts, int days, LocalDate next, boolean partitioning)
            throws Exception {
        long generationMs =
                BenchmarkLedger.generate(jdbc, sessions, LAST, accounts, PolygonStandIn.BENCHMARK_SYMBOLS, days);
        long positionRows = (long) accounts * BenchmarkLedger.POSITIONS * days;

        // (a) the cold backfill through the service
        jdbc.execute("CHECKPOINT");
        standIn.resetRequests();
        MemorySampler coldHeap = new MemorySampler();
        coldHeap.start();
        long start = System.nanoTime();
        RefreshJob cold;
        try {
            cold = BenchmarkLedger.refresh(refresh, clock, LAST);
        } finally {
            coldHeap.stop();
        }
        long coldWallMs = (System.nanoTime() - start) / 1_000_000;
        Calls coldCalls = Calls.of(standIn);
        JsonNode price = cold.price();
        JsonNode valuation = cold.valuation();
        long coldValuationMs = valuation.get("durationMs").asLong();
        assertThat(valuation.get("positionValuationsUpserted").asLong()).isEqualTo(positionRows);

        // (c) storage as the service wrote it
        Map<String, Object> storage = storage(accounts, days, positionRows);

        // (a) the cold floor: the same rows from one INSERT … SELECT on emptied valuation tables;
        // the service's snapshots are put back afterwards (the increment starts from them)
        // -Dscale.coldFloor=false skips it (a re-run of the increment alone at a size)
        boolean measureColdFloor = !"false".equals(System.getProperty("scale.coldFloor"));
        long coldFloorMs = 0;
        boolean coldSameRows = true;
        if (measureColdFloor) {
            String serviceChecksum = jdbc.queryForObject(ValuationBenchmark.CHECKSUM, String.class, "~");
            // a plain table: the pool may hand the next statement another connection
            jdbc.execute("CREATE UNLOGGED TABLE scale_saved_snapshots AS SELECT * FROM portfolio_snapshots");
            jdbc.execute("TRUNCATE position_valuations, portfolio_snapshots");
            jdbc.execute("CHECKPOINT");
            coldFloorMs = timed(() -> Benchmarks.floor(
                    jdbc, ValuationBenchmark.FLOOR.replace(":job", "'00000000-0000-0000-0000-00000000f100'::uuid")));
            coldSameRows = serviceChecksum.equals(jdbc.queryForObject(ValuationBenchmark.CHECKSUM, String.class, "~"));
            jdbc.execute("INSERT INTO portfolio_snapshots SELECT * FROM scale_saved_snapshots");
            jdbc.execute("DROP TABLE scale_saved_snapshots");
        }
        // what autovacuum does by the next evening: visibility map and statistics
        long vacuumMs = timed(() -> jdbc.execute("VACUUM ANALYZE position_valuations, portfolio_snapshots"));
        jdbc.execute("CHECKPOINT");
        double coldRatio = (double) coldValuationMs / Math.max(1, coldFloorMs);
        emit(ordered(
                "measurement",
                "cold-backfill",
                "accounts",
                accounts,
                "days",
                days,
                "dataGenerationMs",
                generationMs,
                "aggregatesCalls",
                coldCalls.aggregates(),
                "plan",
                price.get("plan").asString(),
                "barsUpserted",
                price.get("barsUpserted").asLong(),
                "priceMs",
                price.get("durationMs").asLong(),
                "positionRows",
                positionRows,
                "snapshots",
                valuation.get("snapshotsUpserted").asLong(),
                "valuationMs",
                coldValuationMs,
                "valuationRowsPerSecond",
                Math.round(positionRows * 1000.0 / Math.max(1, coldValuationMs)),
                "jobDurationMs",
                cold.durationMs(),
                "wallMs",
                coldWallMs,
                "endToEndRowsPerSecond",
                Math.round(positionRows * 1000.0 / Math.max(1, coldWallMs)),
                "floorMs",
                coldFloorMs,
                "floorRowsPerSecond",
                Math.round(positionRows * 1000.0 / Math.max(1, coldFloorMs)),
                "ratioToFloor",
                round2(coldRatio),
                "floorRowsEqualService",
                coldSameRows,
                "vacuumAnalyzeAfterMs",
                vacuumMs,
                "peakHeapUsedMb",
                coldHeap.peakHeap.get() / 1_048_576,
                "heapBaselineMb",
                coldHeap.heapBaseline / 1_048_576,
                "peakRssMb",
                coldHeap.peakRss.get() / 1024));
        check(coldSameRows, accounts + " accounts: the cold floor writes the service's rows");

        // (b) the daily increment: one new session through the service
        if (Boolean.getBoolean("scale.profile")) {
            emit(IncrementExplain.run(jdbc, LAST, next));
        }
        standIn.resetRequests();
        RunProfiler profiler =
                Boolean.getBoolean("scale.profile") ? new RunProfiler(Thread.currentThread(), jdbc) : null;
        if (profiler != null) {
            profiler.start();
        }
        MemorySampler incrementHeap = new MemorySampler();
        incrementHeap.start();
        start = System.nanoTime();
        RefreshJob increment;
        Map<String, Object> profile = null;
        try {
            increment = BenchmarkLedger.refresh(refresh, clock, next);
        } finally {
            incrementHeap.stop();
            if (profiler != null) {
                profile = profiler.stop();
            }
        }
        long incrementWallMs = (System.nanoTime() - start) / 1_000_000;
        Calls calls = Calls.of(standIn);
        List<String> aggregatesUrls = standIn.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl())
                .filter(u -> u.startsWith("/v2/aggs/"))
                .sorted()
                .toList();
        JsonNode incrementPrice = increment.price();
        JsonNode incrementValuation = increment.valuation();
        long incrementValuationMs = incrementValuation.get("durationMs").asLong();
        long newDayRows = countDay(next);
        String serviceDay = jdbc.queryForObject(DAY_CHECKSUM, String.class, next);

        // its floor, same run: the new day's rows removed, one INSERT … SELECT writes them again
        jdbc.update("DELETE FROM position_valuations WHERE valuation_date = ?", next);
        jdbc.update("DELETE FROM portfolio_snapshots WHERE snapshot_date = ?", next);
        jdbc.execute("CHECKPOINT");
        if (profiler != null) { // its plan: one primary-key range per account, not a scan of the history
            emit(ordered(
                    "measurement",
                    "increment-floor-plan",
                    "plan",
                    jdbc.queryForList("EXPLAIN " + INCREMENT_FLOOR_JOINED, String.class, LAST, next)));
        }
        long[] floorRows = new long[1];
        List<String> floorFailures = new ArrayList<>();
        long joinedFloorMs = incrementFloor(INCREMENT_FLOOR_JOINED, next, floorRows, floorFailures);
        boolean incrementSameRows = joinedFloorMs == Long.MAX_VALUE
                || serviceDay.equals(jdbc.queryForObject(DAY_CHECKSUM, String.class, next));
        jdbc.update("DELETE FROM position_valuations WHERE valuation_date = ?", next);
        jdbc.execute("CHECKPOINT");
        long perAccountFloorMs = incrementFloor(INCREMENT_FLOOR_PER_ACCOUNT, next, floorRows, floorFailures);
        if (perAccountFloorMs != Long.MAX_VALUE) {
            incrementSameRows &= serviceDay.equals(jdbc.queryForObject(DAY_CHECKSUM, String.class, next));
        }
        long incrementFloorMs = Math.min(joinedFloorMs, perAccountFloorMs);
        double incrementRatio = (double) incrementValuationMs / Math.max(1, incrementFloorMs);

        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("aggregatesCalls", 1);
        targets.put("valuationToFloorAtMost", RATIO_TARGET);
        if (accounts == 1_000) {
            targets.put("wallUnderMs", WALL_TARGET_MS_AT_1K);
        }
        boolean met = calls.aggregates() == 1
                && incrementRatio <= RATIO_TARGET
                && (accounts != 1_000 || incrementWallMs < WALL_TARGET_MS_AT_1K);
        emit(ordered(
                "measurement",
                "daily-increment",
                "accounts",
                accounts,
                "historyDays",
                days,
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
                incrementPrice.get("plan").asString(),
                "barsUpserted",
                incrementPrice.get("barsUpserted").asLong(),
                "priceMs",
                incrementPrice.get("durationMs").asLong(),
                "valuationMs",
                incrementValuationMs,
                "positionRowsWritten",
                incrementValuation.get("positionValuationsUpserted").asLong(),
                "snapshotsWritten",
                incrementValuation.get("snapshotsUpserted").asLong(),
                "newSessionPositionRows",
                newDayRows,
                "jobDurationMs",
                increment.durationMs(),
                "wallMs",
                incrementWallMs,
                "floorMs",
                incrementFloorMs,
                "floorJoinedMs",
                joinedFloorMs == Long.MAX_VALUE ? null : joinedFloorMs,
                "floorPerAccountMs",
                perAccountFloorMs == Long.MAX_VALUE ? null : perAccountFloorMs,
                "floorFailures",
                floorFailures,
                "floorRows",
                floorRows[0],
                "floorRowsEqualService",
                incrementSameRows,
                "valuationToFloor",
                round2(incrementRatio),
                "peakHeapUsedMb",
                incrementHeap.peakHeap.get() / 1_048_576,
                "targets",
                targets,
                "met",
                met));
        check(incrementSameRows, accounts + " accounts: the increment floor writes the service's rows");
        check(floorRows[0] == (long) accounts * BenchmarkLedger.POSITIONS, accounts + " accounts: floor row count");
        if (accounts == 1_000 || accounts == 100_000) {
            check(met, accounts + " accounts: increment targets " + targets);
        }

        if (profile != null) {
            Map<String, Object> report = ordered("measurement", "increment-profile", "accounts", accounts);
            report.putAll(profile);
            emit(report);
        }
        if (partitioning) {
            emit(PartitioningComparison.run(jdbc, accounts, days + 1));
        }
    }

    private long countDay(LocalDate day) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM position_valuations WHERE valuation_date = ?", Long.class, day);
    }

    /** Table and index sizes of the valuation tables as the service wrote them. */
    /** One floor shape's time; {@code Long.MAX_VALUE} when the server refuses the shape (Citus may). */
    private long incrementFloor(String sql, LocalDate next, long[] rows, List<String> failures) {
        try {
            return timed(() -> rows[0] = Benchmarks.floor(jdbc, sql, LAST, next));
        } catch (DataAccessException e) {
            failures.add(e.getMostSpecificCause().getMessage());
            return Long.MAX_VALUE;
        }
    }

    private Map<String, Object> storage(int accounts, int days, long positionRows) {
        jdbc.execute("ANALYZE position_valuations, portfolio_snapshots");
        long pvTable = size("pg_relation_size('position_valuations')");
        long pvIndexes = size("pg_indexes_size('position_valuations')");
        long pvTotal = size("pg_total_relation_size('position_valuations')");
        long psTable = size("pg_relation_size('portfolio_snapshots')");
        long psIndexes = size("pg_indexes_size('portfolio_snapshots')");
        long psTotal = size("pg_total_relation_size('portfolio_snapshots')");
        Map<String, Object> indexes = new LinkedHashMap<>();
        jdbc.query("""
                SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes
                WHERE relname IN ('position_valuations', 'portfolio_snapshots') ORDER BY 1""", rs -> {
            indexes.put(rs.getString(1), rs.getLong(2));
        });
        double accountDaysK = accounts * (double) days / 1000;
        Map<String, Object> report = ordered(
                "measurement",
                "storage",
                "accounts",
                accounts,
                "days",
                days,
                "positionRows",
                positionRows,
                "positionValuations",
                ordered("tableBytes", pvTable, "indexBytes", pvIndexes, "totalBytes", pvTotal),
                "portfolioSnapshots",
                ordered("tableBytes", psTable, "indexBytes", psIndexes, "totalBytes", psTotal),
                "indexBytes",
                indexes,
                "bytesPerPositionRowTable",
                round2((double) pvTable / positionRows),
                "bytesPerPositionRowWithIndex",
                round2((double) pvTotal / positionRows),
                "bytesPer1000AccountDays",
                Math.round((pvTotal + psTotal) / accountDaysK),
                "mbPer1000AccountDays",
                round2((pvTotal + psTotal) / accountDaysK / 1_048_576));
        emit(report);
        return report;
    }

    private long size(String expression) {
        return jdbc.queryForObject("SELECT " + expression, Long.class);
    }

    private void check(boolean condition, String what) {
        if (!condition) {
            missed.add(what);
        }
    }

    private void emit(Map<String, Object> report) {
        results.add(report);
        System.out.println("SCALE " + JSON.writeValueAsString(report));
    }
}
