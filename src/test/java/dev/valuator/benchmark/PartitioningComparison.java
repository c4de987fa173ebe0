package dev.valuator.benchmark;

import static dev.valuator.support.Benchmarks.ordered;
import static dev.valuator.support.Benchmarks.round2;
import static dev.valuator.support.Benchmarks.timed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Storage for years of position rows (issue 16, item 3): copies of the populated
 * {@code position_valuations} as ONE table and as a table PARTITIONED BY RANGE (valuation_date),
 * one partition a month, both with the same primary key. Measures the insert of the same rows
 * (INSERT … SELECT from the populated table), the read API's queries (one account's positions on
 * one date, over 3 months, over a year; planning and execution time from EXPLAIN ANALYZE), the
 * removal of the oldest full month (DELETE vs DETACH + DROP PARTITION), the VACUUM after it and
 * the sizes. The copies are dropped afterwards.
 */
final class PartitioningComparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int READ_ACCOUNTS = 20;
    private static final String COLUMNS =
            "symbol, quantity, close_price, price_date, market_value, cost_basis," + " unrealized_pnl";

    private PartitioningComparison() {}

    static Map<String, Object> run(JdbcTemplate jdbc, int accounts, int days) throws Exception {
        jdbc.execute("DROP TABLE IF EXISTS pv_single, pv_monthly CASCADE");
        LocalDate first = jdbc.queryForObject("SELECT min(valuation_date) FROM position_valuations", LocalDate.class);
        LocalDate last = jdbc.queryForObject("SELECT max(valuation_date) FROM position_valuations", LocalDate.class);
        long rows = jdbc.queryForObject("SELECT count(*) FROM position_valuations", Long.class); // also warms it

        jdbc.execute("CREATE TABLE pv_single (LIKE position_valuations INCLUDING ALL)");
        jdbc.execute(
                "CREATE TABLE pv_monthly (LIKE position_valuations INCLUDING ALL) PARTITION BY RANGE (valuation_date)");
        List<String> partitions = new ArrayList<>();
        for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(last); m = m.plusMonths(1)) {
            String name = "pv_monthly_%d%02d".formatted(m.getYear(), m.getMonthValue());
            jdbc.execute("CREATE TABLE %s PARTITION OF pv_monthly FOR VALUES FROM ('%s') TO ('%s')"
                    .formatted(name, m, m.plusMonths(1)));
            partitions.add(name);
        }

        jdbc.execute("CHECKPOINT");
        long insertSingleMs = timed(() -> jdbc.update("INSERT INTO pv_single SELECT * FROM position_valuations"));
        jdbc.execute("CHECKPOINT");
        long insertMonthlyMs = timed(() -> jdbc.update("INSERT INTO pv_monthly SELECT * FROM position_valuations"));
        jdbc.execute("CHECKPOINT");
        long vacuumSingleFreshMs = timed(() -> jdbc.execute("VACUUM ANALYZE pv_single"));
        long vacuumMonthlyFreshMs = timed(() -> jdbc.execute("VACUUM ANALYZE pv_monthly"));
        Map<String, Object> sizes = ordered("single", sizes(jdbc, "pv_single"), "monthly", sizes(jdbc, "pv_monthly"));

        // the read API's queries for READ_ACCOUNTS accounts spread over the range
        List<String> readAccounts = new ArrayList<>();
        int width = BenchmarkLedger.accountIdWidth(accounts);
        for (int i = 0; i < READ_ACCOUNTS; i++) {
            readAccounts.add("A" + String.format("%0" + width + "d", 1 + (long) i * accounts / READ_ACCOUNTS));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put(
                "positionsOnOneDate",
                "SELECT " + COLUMNS + " FROM %s WHERE account_id = '%s' AND valuation_date = '" + last
                        + "' ORDER BY symbol");
        queries.put(
                "positions3Months",
                "SELECT valuation_date, " + COLUMNS + " FROM %s WHERE account_id = '%s' AND valuation_date > '"
                        + last.minusMonths(3) + "' AND valuation_date <= '" + last
                        + "' ORDER BY valuation_date, symbol");
        queries.put(
                "positions1Year",
                "SELECT valuation_date, " + COLUMNS + " FROM %s WHERE account_id = '%s' AND valuation_date > '"
                        + last.minusYears(1) + "' AND valuation_date <= '" + last
                        + "' ORDER BY valuation_date, symbol");
        Map<String, Object> reads = new LinkedHashMap<>();
        for (var q : queries.entrySet()) {
            reads.put(
                    q.getKey(),
                    ordered(
                            "single",
                            read(jdbc, q.getValue(), "pv_single", readAccounts),
                            "monthly",
                            read(jdbc, q.getValue(), "pv_monthly", readAccounts)));
        }

        // retention: the oldest full month goes
        LocalDate fullMonth =
                first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        // a short history has no full month before its last one: its first (partial) month goes
        LocalDate month = fullMonth.plusMonths(1).isAfter(last) ? first.withDayOfMonth(1) : fullMonth;
        String partition = "pv_monthly_%d%02d".formatted(month.getYear(), month.getMonthValue());
        jdbc.execute("CHECKPOINT");
        long[] deleted = new long[1];
        long deleteMs = timed(() -> deleted[0] = jdbc.update(
                "DELETE FROM pv_single WHERE valuation_date >= ? AND valuation_date < ?", month, month.plusMonths(1)));
        long vacuumAfterDeleteMs = timed(() -> jdbc.execute("VACUUM pv_single"));
        jdbc.execute("CHECKPOINT");
        long dropMs = timed(() -> {
            jdbc.execute("ALTER TABLE pv_monthly DETACH PARTITION " + partition);
            jdbc.execute("DROP TABLE " + partition);
        });
        long vacuumAfterDropMs = timed(() -> jdbc.execute("VACUUM pv_monthly"));

        Map<String, Object> report = ordered(
                "measurement",
                "partitioning",
                "accounts",
                accounts,
                "days",
                days,
                "rows",
                rows,
                "from",
                first.toString(),
                "to",
                last.toString(),
                "partitions",
                partitions.size(),
                "insert",
                ordered(
                        "singleMs",
                        insertSingleMs,
                        "monthlyMs",
                        insertMonthlyMs,
                        "monthlyToSingle",
                        round2((double) insertMonthlyMs / Math.max(1, insertSingleMs))),
                "vacuumAnalyzeAfterInsert",
                ordered("singleMs", vacuumSingleFreshMs, "monthlyMs", vacuumMonthlyFreshMs),
                "sizes",
                sizes,
                "reads",
                reads,
                "readAccounts",
                READ_ACCOUNTS,
                "removeMonth",
                ordered(
                        "month",
                        month.toString().substring(0, 7),
                        "rows",
                        deleted[0],
                        "deleteMs",
                        deleteMs,
                        "vacuumAfterDeleteMs",
                        vacuumAfterDeleteMs,
                        "detachDropMs",
                        dropMs,
                        "vacuumAfterDropMs",
                        vacuumAfterDropMs));
        jdbc.execute("DROP TABLE IF EXISTS pv_single, pv_monthly CASCADE");
        return report;
    }

    private static Map<String, Object> sizes(JdbcTemplate jdbc, String table) {
        // a plain table is not a partition tree: its own sizes
        String tree = "FROM (SELECT relid FROM pg_partition_tree('" + table + "') WHERE isleaf"
                + " UNION SELECT '" + table + "'::regclass WHERE NOT EXISTS (SELECT 1 FROM pg_partitioned_table"
                + " WHERE partrelid = '" + table + "'::regclass)) t";
        return ordered(
                "tableBytes",
                jdbc.queryForObject("SELECT sum(pg_relation_size(relid))::bigint " + tree, Long.class),
                "indexBytes",
                jdbc.queryForObject("SELECT sum(pg_indexes_size(relid))::bigint " + tree, Long.class),
                "totalBytes",
                jdbc.queryForObject("SELECT sum(pg_total_relation_size(relid))::bigint " + tree, Long.class));
    }

    /** One warm-up pass over the accounts, then a measured one: median and max of planning and execution. */
    private static Map<String, Object> read(JdbcTemplate jdbc, String query, String table, List<String> accounts)
            throws Exception {
        for (String a : accounts) {
            jdbc.queryForList(query.formatted(table, a));
        }
        List<Double> planning = new ArrayList<>();
        List<Double> execution = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        long rows = 0;
        long buffers = 0;
        for (String a : accounts) {
            String sql = query.formatted(table, a);
            long t0 = System.nanoTime();
            jdbc.queryForList(sql);
            wall.add((System.nanoTime() - t0) / 1e6);
            JsonNode root = JSON.readTree(
                            jdbc.queryForObject("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, String.class))
                    .get(0);
            planning.add(root.get("Planning Time").asDouble());
            execution.add(root.get("Execution Time").asDouble());
            rows += root.get("Plan").get("Actual Rows").asLong();
            buffers += root.get("Plan").get("Shared Hit Blocks").asLong()
                    + root.get("Plan").get("Shared Read Blocks").asLong();
        }
        return ordered(
                "rowsPerQuery",
                rows / accounts.size(),
                "buffersPerQuery",
                buffers / accounts.size(),
                "planningMsMedian",
                median(planning),
                "executionMsMedian",
                median(execution),
                "executionMsMax",
                round2(execution.stream().mapToDouble(Double::doubleValue).max().orElse(0)),
                "jdbcMsMedian",
                median(wall));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return round2(sorted.get(sorted.size() / 2));
    }
}
