package dev.valuator.valuation;

import static dev.valuator.support.Benchmarks.ordered;
import static dev.valuator.support.Benchmarks.round2;
import static dev.valuator.support.Benchmarks.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Benchmarks;
import dev.valuator.support.Tables;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The valuation phase at 1,000 accounts × 25 positions × 252 trading days (6.3 M position rows)
 * against the floor (one hand-written INSERT … SELECT producing the same rows) and the naive
 * per-account, per-date loop of seed 004 at 100 accounts. Prints one JSON object; see
 * docs/performance.md. Run: {@code ./mvnw -Pbenchmark test -Dtest=ValuationBenchmark}.
 */
@ValuatorTest
@Tag("benchmark")
public class ValuationBenchmark {

    private static final int ACCOUNTS = 1_000;
    private static final int POSITIONS = 25;
    private static final int DAYS = 252;
    private static final int SYMBOLS = 500;
    private static final int NAIVE_ACCOUNTS = 100;
    private static final int ROUNDS = 2;
    private static final String NAIVE_LAST_ACCOUNT = "A00100";
    private static final UUID FLOOR_JOB = UUID.fromString("00000000-0000-0000-0000-00000000f100");
    private static final UUID PHASE_JOB = UUID.fromString("00000000-0000-0000-0000-00000000b100");
    private static final UUID REPEAT_JOB = UUID.fromString("00000000-0000-0000-0000-00000000b200");
    private static final UUID NAIVE_JOB = UUID.fromString("00000000-0000-0000-0000-00000000a100");

    // weekdays from 2024-01-02 (a synthetic calendar: no holidays); every symbol has a bar on the
    // first day and then misses about one day in 53, so carried closes occur throughout
    private static final String GENERATE = """
            CREATE TEMP TABLE bench_days AS
            SELECT row_number() OVER (ORDER BY d)::integer AS ord, d::date AS day
            FROM generate_series(date '2024-01-02', date '2025-06-30', interval '1 day') d
            WHERE extract(isodow FROM d) < 6
            ORDER BY d
            LIMIT %1$d;
            INSERT INTO accounts (account_id, name, created_at, updated_at)
            SELECT 'A' || lpad(a::text, 5, '0'), 'Account ' || a, now(), now() FROM generate_series(1, %2$d) a;
            INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, provisional, fetched_at)
            SELECT 'S' || lpad(s::text, 4, '0'), d.day, p.c, p.c, p.c, p.c, 1000, false, now()
            FROM generate_series(1, %3$d) s
            CROSS JOIN bench_days d
            CROSS JOIN LATERAL (SELECT round(20 + s %% 200 + ((d.ord * 7 + s) %% 23) * 0.37, 2) AS c) p
            WHERE d.ord = 1 OR (s * 31 + d.ord) %% 53 <> 0;
            -- every position is bought on the first day; a third of them are added to later on
            INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
            SELECT 'A' || lpad(a::text, 5, '0'), 'S' || lpad(((a * 37 + k * 20) %% %3$d + 1)::text, 4, '0'), d.day,
                   'BUY', 10 + (a + k) %% 50, 20 + (a * k) %% 100 + 0.25, 1, now()
            FROM generate_series(1, %2$d) a CROSS JOIN generate_series(0, %4$d - 1) k JOIN bench_days d ON d.ord = 1
            UNION ALL
            SELECT 'A' || lpad(a::text, 5, '0'), 'S' || lpad(((a * 37 + k * 20) %% %3$d + 1)::text, 4, '0'), d.day,
                   'BUY', 5, 30 + (a + k) %% 70 + 0.5, 0, now()
            FROM generate_series(1, %2$d) a CROSS JOIN generate_series(0, %4$d - 1) k
            JOIN bench_days d ON d.ord = 2 + (a * 3 + k * 11) %% (%1$d - 2)
            WHERE k %% 3 = 0;
            DROP TABLE bench_days;
            ANALYZE accounts, trades, daily_prices;
            """.formatted(DAYS, ACCOUNTS, SYMBOLS, POSITIONS);

    // The floor: the same position rows from one hand-written statement that knows this data set
    // has BUYs only and no splits (running sums instead of the average-cost recursion).
    public static final String FLOOR = """
            INSERT INTO position_valuations (account_id, valuation_date, symbol, quantity, cost_basis, close_price,
                                             price_date, market_value, unrealized_pnl, job_id)
            WITH days AS (
                SELECT DISTINCT trade_date AS day FROM daily_prices
            ),
            closes AS (
                SELECT symbol, day, first_value(close) OVER w AS close, first_value(trade_date) OVER w AS price_date
                FROM (SELECT s.symbol, d.day, p.close, p.trade_date,
                             count(p.close) OVER (PARTITION BY s.symbol ORDER BY d.day) AS grp
                      FROM (SELECT DISTINCT symbol FROM trades) s
                      CROSS JOIN days d
                      LEFT JOIN daily_prices p ON p.symbol = s.symbol AND p.trade_date = d.day) x
                WINDOW w AS (PARTITION BY symbol, grp ORDER BY day)
            ),
            holdings AS (
                SELECT account_id, symbol, trade_date,
                       sum(quantity) OVER w AS quantity, sum(quantity * price + fees) OVER w AS cost_basis,
                       lead(trade_date, 1, 'infinity') OVER w AS until
                FROM trades
                WINDOW w AS (PARTITION BY account_id, symbol ORDER BY trade_date, trade_id)
            )
            SELECT h.account_id, d.day, h.symbol, trim_scale(h.quantity), trim_scale(h.cost_basis), c.close,
                   c.price_date, trim_scale(h.quantity * c.close), trim_scale(h.quantity * c.close) - trim_scale(h.cost_basis),
                   :job
            FROM holdings h
            JOIN days d ON d.day >= h.trade_date AND d.day < h.until
            LEFT JOIN closes c ON c.symbol = h.symbol AND c.day = d.day""";

    public static final String CHECKSUM = """
            SELECT count(*) || ' ' || trim_scale(coalesce(sum(quantity), 0)) || ' ' || trim_scale(coalesce(sum(cost_basis), 0))
                   || ' ' || trim_scale(coalesce(sum(close_price), 0)) || ' ' || coalesce(sum(price_date - date '2000-01-01'), 0)
                   || ' ' || trim_scale(coalesce(sum(market_value), 0)) || ' ' || trim_scale(coalesce(sum(unrealized_pnl), 0))
            FROM position_valuations WHERE account_id <= ?""";

    private static final String NAIVE_DATES =
            "SELECT DISTINCT trade_date FROM daily_prices WHERE trade_date >= (SELECT min(trade_date) FROM trades WHERE account_id = ?) ORDER BY 1";
    private static final String NAIVE_POSITIONS = """
            SELECT symbol, sum(quantity) AS quantity, sum(quantity * price + fees) AS cost_basis
            FROM trades WHERE account_id = ? AND trade_date <= ? GROUP BY symbol""";
    private static final String NAIVE_PRICE = """
            SELECT close, trade_date FROM daily_prices WHERE symbol = ? AND trade_date <= ?
            ORDER BY trade_date DESC LIMIT 1""";
    private static final String NAIVE_INSERT_POSITION = """
            INSERT INTO position_valuations (account_id, valuation_date, symbol, quantity, cost_basis, close_price,
                                             price_date, market_value, unrealized_pnl, job_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String NAIVE_INSERT_SNAPSHOT = """
            INSERT INTO portfolio_snapshots (account_id, snapshot_date, total_value, total_cost, total_pnl, pnl_percent,
                                             position_count, priced_position_count, partial, job_id, materialized_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ValuationPhase phase;

    @Test
    void valuationPhaseAgainstTheFloorAndTheNaiveLoop() throws Exception {
        Tables.truncateAll(jdbc);
        long generationMs = timed(() -> jdbc.execute(GENERATE));
        long positionRows = (long) ACCOUNTS * POSITIONS * DAYS;

        // floor and phase alternate ROUNDS times and the best time of each counts: the machine is
        // shared, and the best run is the one least disturbed by others
        List<Long> floorTimes = new ArrayList<>();
        List<Long> phaseTimes = new ArrayList<>();
        String floorAll = null;
        String floorNaiveAccounts = null;
        ValuationSummary summary = null;
        HeapSampler heap = null;
        for (int round = 0; round < ROUNDS; round++) {
            freshTables();
            floorTimes.add(timed(() -> Benchmarks.floor(jdbc, FLOOR.replace(":job", "'" + FLOOR_JOB + "'::uuid"))));
            floorAll = checksum("~");
            floorNaiveAccounts = checksum(NAIVE_LAST_ACCOUNT);

            freshTables();
            HeapSampler sampler = new HeapSampler();
            try {
                long start = System.nanoTime();
                summary = phase.run(
                        new ValuationRequest(null, null, null, null), new TestRunContext(dataSource, PHASE_JOB));
                phaseTimes.add((System.nanoTime() - start) / 1_000_000);
            } finally {
                sampler.stop();
            }
            heap = heap == null || sampler.growth() > heap.growth() ? sampler : heap;
            assertThat(checksum("~")).as("the phase writes the floor's rows").isEqualTo(floorAll);
            assertThat(summary.positionValuationsUpserted()).isEqualTo(positionRows);
        }
        long floorMs = floorTimes.stream().min(Long::compare).orElseThrow();
        long phaseMs = phaseTimes.stream().min(Long::compare).orElseThrow();
        long snapshots = jdbc.queryForObject("SELECT count(*) FROM portfolio_snapshots", Long.class);

        long[] repeat = new long[1];
        long repeatMs = timed(() -> repeat[0] = phase.run(
                        new ValuationRequest(null, null, null, null), new TestRunContext(dataSource, REPEAT_JOB))
                .positionValuationsUpserted());

        freshTables();
        long naiveRows;
        long naiveStart = System.nanoTime();
        naiveRows = naiveLoop(dataSource, NAIVE_ACCOUNTS);
        long naiveMs = (System.nanoTime() - naiveStart) / 1_000_000;
        assertThat(checksum(NAIVE_LAST_ACCOUNT))
                .as("the naive loop writes the same rows")
                .isEqualTo(floorNaiveAccounts);

        double phaseRate = positionRows * 1000.0 / phaseMs;
        double floorRate = positionRows * 1000.0 / floorMs;
        double naiveRate = naiveRows * 1000.0 / naiveMs;
        double naiveExtrapolatedMs = positionRows * 1000.0 / naiveRate;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "valuation-phase");
        report.put("accounts", ACCOUNTS);
        report.put("positionsPerAccount", POSITIONS);
        report.put("tradingDays", DAYS);
        report.put("positionRows", positionRows);
        report.put("snapshotRows", snapshots);
        report.put("dataGenerationMs", generationMs);
        report.put(
                "phase",
                ordered(
                        "wallMs",
                        phaseMs,
                        "wallMsPerRound",
                        phaseTimes,
                        "rowsPerSecond",
                        Math.round(phaseRate),
                        "ratioToFloor",
                        round2((double) phaseMs / floorMs),
                        "speedupOverNaive",
                        round2(naiveExtrapolatedMs / phaseMs),
                        "heapBaselineMb",
                        heap.baselineBytes / 1_048_576,
                        "peakHeapMb",
                        heap.peakBytes.get() / 1_048_576,
                        "peakHeapGrowthMb",
                        heap.growth() / 1_048_576,
                        "summary",
                        summary));
        report.put(
                "floor",
                ordered("wallMs", floorMs, "wallMsPerRound", floorTimes, "rowsPerSecond", Math.round(floorRate)));
        report.put(
                "naive",
                ordered(
                        "accounts",
                        NAIVE_ACCOUNTS,
                        "rows",
                        naiveRows,
                        "wallMs",
                        naiveMs,
                        "rowsPerSecond",
                        Math.round(naiveRate),
                        "extrapolatedMsForAllRows",
                        Math.round(naiveExtrapolatedMs),
                        "floorSpeedupOverNaive",
                        round2(naiveExtrapolatedMs / floorMs)));
        report.put("repeatRun", ordered("wallMs", repeatMs, "positionValuationsUpserted", repeat[0]));
        report.put("javaVersion", System.getProperty("java.version"));
        report.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        report.put("postgres", jdbc.queryForObject("SHOW server_version", String.class));
        System.out.println(
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    /**
     * Seed 004's algorithm: per account, per date: select positions, select each price, insert each
     * row. Values accounts {@code A00001} … up to {@code accounts}; also used by the end-to-end suite.
     */
    public static long naiveLoop(DataSource dataSource, int accounts) throws SQLException {
        long rows = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement dates = connection.prepareStatement(NAIVE_DATES);
                PreparedStatement positions = connection.prepareStatement(NAIVE_POSITIONS);
                PreparedStatement price = connection.prepareStatement(NAIVE_PRICE);
                PreparedStatement insertPosition = connection.prepareStatement(NAIVE_INSERT_POSITION);
                PreparedStatement insertSnapshot = connection.prepareStatement(NAIVE_INSERT_SNAPSHOT)) {
            connection.setAutoCommit(false);
            for (int a = 1; a <= accounts; a++) {
                String account = "A%05d".formatted(a);
                dates.setString(1, account);
                List<LocalDate> days = new ArrayList<>();
                try (ResultSet rs = dates.executeQuery()) {
                    while (rs.next()) {
                        days.add(rs.getObject(1, LocalDate.class));
                    }
                }
                connection.commit();
                for (LocalDate day : days) {
                    rows += naiveDay(account, day, now, positions, price, insertPosition, insertSnapshot);
                    connection.commit();
                }
            }
        }
        return rows;
    }

    private static int naiveDay(
            String account,
            LocalDate day,
            OffsetDateTime now,
            PreparedStatement positions,
            PreparedStatement price,
            PreparedStatement insertPosition,
            PreparedStatement insertSnapshot)
            throws SQLException {
        record Held(String symbol, BigDecimal quantity, BigDecimal costBasis) {}
        List<Held> held = new ArrayList<>();
        positions.setString(1, account);
        positions.setObject(2, day);
        try (ResultSet rs = positions.executeQuery()) {
            while (rs.next()) {
                held.add(new Held(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)));
            }
        }
        BigDecimal totalValue = BigDecimal.ZERO;
        BigDecimal totalCost = BigDecimal.ZERO;
        int priced = 0;
        for (Held position : held) {
            BigDecimal close = null;
            LocalDate priceDate = null;
            price.setString(1, position.symbol());
            price.setObject(2, day);
            try (ResultSet rs = price.executeQuery()) {
                if (rs.next()) {
                    close = rs.getBigDecimal(1);
                    priceDate = rs.getObject(2, LocalDate.class);
                }
            }
            BigDecimal value = close == null ? null : position.quantity().multiply(close);
            insertPosition.setString(1, account);
            insertPosition.setObject(2, day);
            insertPosition.setString(3, position.symbol());
            insertPosition.setBigDecimal(4, position.quantity());
            insertPosition.setBigDecimal(5, position.costBasis());
            insertPosition.setBigDecimal(6, close);
            insertPosition.setObject(7, priceDate);
            insertPosition.setBigDecimal(8, value);
            insertPosition.setBigDecimal(9, value == null ? null : value.subtract(position.costBasis()));
            insertPosition.setObject(10, NAIVE_JOB);
            insertPosition.executeUpdate();
            totalCost = totalCost.add(position.costBasis());
            if (value != null) {
                totalValue = totalValue.add(value);
                priced++;
            }
        }
        BigDecimal pnl = totalValue.subtract(totalCost);
        insertSnapshot.setString(1, account);
        insertSnapshot.setObject(2, day);
        insertSnapshot.setBigDecimal(3, totalValue);
        insertSnapshot.setBigDecimal(4, totalCost);
        insertSnapshot.setBigDecimal(5, pnl);
        insertSnapshot.setBigDecimal(
                6,
                totalCost.signum() == 0
                        ? BigDecimal.ZERO
                        : pnl.multiply(BigDecimal.valueOf(100)).divide(totalCost, 6, java.math.RoundingMode.HALF_UP));
        insertSnapshot.setInt(7, held.size());
        insertSnapshot.setInt(8, priced);
        insertSnapshot.setBoolean(9, priced < held.size());
        insertSnapshot.setObject(10, NAIVE_JOB);
        insertSnapshot.setObject(11, now);
        insertSnapshot.executeUpdate();
        return held.size();
    }

    /** Empty valuation tables and a checkpoint, so every contender starts from the same state. */
    private void freshTables() {
        jdbc.execute("TRUNCATE position_valuations, portfolio_snapshots");
        jdbc.execute("CHECKPOINT");
    }

    private String checksum(String lastAccount) {
        return jdbc.queryForObject(CHECKSUM, String.class, lastAccount);
    }

    /** Samples heap used every 5 ms from a background thread until stopped. */
    private static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peakBytes = new AtomicLong();
        private final long baselineBytes;
        private final Thread thread;

        HeapSampler() {
            System.gc();
            baselineBytes = memory.getHeapMemoryUsage().getUsed();
            peakBytes.set(baselineBytes);
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (running.get()) {
                    peakBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(5_000_000);
                }
            });
        }

        long growth() {
            return Math.max(0, peakBytes.get() - baselineBytes);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            peakBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }
    }
}
