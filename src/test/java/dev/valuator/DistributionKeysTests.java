package dev.valuator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.ValuatorTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules of docs/scaling.md that the catalog can check on plain PostgreSQL: every table that
 * holds an {@code account_id} is account-scoped, so each of its primary keys and unique
 * constraints starts with {@code account_id} (Citus distributes on a column every unique
 * constraint contains), and its foreign keys to other account-scoped tables go through
 * {@code account_id} (so the rows they join live on the same worker).
 */
@ValuatorTest
class DistributionKeysTests {

    private static final String ACCOUNT_SCOPED = """
            SELECT c.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            WHERE c.relkind IN ('r', 'p')
              AND EXISTS (SELECT 1 FROM pg_attribute a
                          WHERE a.attrelid = c.oid AND a.attname = 'account_id' AND NOT a.attisdropped)
            ORDER BY 1""";

    // unique constraints and unique indexes (a unique index without a constraint counts too)
    private static final String UNIQUE_KEYS = """
            SELECT i.indexrelid::regclass::text AS key,
                   (SELECT a.attname FROM pg_attribute a
                    WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0]) AS first_column
            FROM pg_index i
            WHERE i.indrelid = CAST(? AS regclass) AND i.indisunique""";

    private static final String FOREIGN_KEYS = """
            SELECT con.conname AS key, con.confrelid::regclass::text AS referenced,
                   EXISTS (SELECT 1 FROM unnest(con.conkey) k
                           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k
                           WHERE a.attname = 'account_id') AS through_account
            FROM pg_constraint con
            WHERE con.conrelid = CAST(? AS regclass) AND con.contype = 'f'""";

    // what V1_5 made of each table on Citus: h = distributed by hash, n = reference, s = local
    private static final String CITUS_PLACEMENT = """
            SELECT logicalrelid::text AS table_name, partmethod::text AS method,
                   coalesce(column_to_column_name(logicalrelid, partkey), '') AS column_name, colocationid
            FROM pg_dist_partition""";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyKeyOfAnAccountScopedTableStartsWithAccountId() {
        List<String> tables = jdbc.queryForList(ACCOUNT_SCOPED, String.class);
        assertThat(tables).containsAll(List.of("accounts", "trades", "position_valuations", "portfolio_snapshots"));

        for (String table : tables) {
            List<Map<String, Object>> keys = jdbc.queryForList(UNIQUE_KEYS, table);
            assertThat(keys).as("%s has a primary key", table).isNotEmpty();
            assertThat(keys)
                    .as("unique keys of %s", table)
                    .allSatisfy(key -> assertThat(key.get("first_column"))
                            .as("first column of %s", key.get("key"))
                            .isEqualTo("account_id"));
        }
    }

    @Test
    void foreignKeysBetweenAccountScopedTablesGoThroughAccountId() {
        List<String> tables = jdbc.queryForList(ACCOUNT_SCOPED, String.class);
        for (String table : tables) {
            jdbc.queryForList(FOREIGN_KEYS, table).stream()
                    .filter(key -> tables.contains(key.get("referenced")))
                    .forEach(key -> assertThat(key.get("through_account"))
                            .as("%s.%s joins on account_id", table, key.get("key"))
                            .isEqualTo(true));
        }
    }

    @Test
    void onCitusTheAccountScopedTablesAreDistributedByAccountAndTheMarketDataReplicated() {
        boolean citus = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')", Boolean.class);
        boolean asked = System.getProperty("test.citus.url", "").isBlank();
        assertThat(citus)
                .as("the citus extension is here exactly when -Dtest.citus.url asked for it")
                .isNotEqualTo(asked);
        if (!citus) {
            return;
        }
        Map<String, Map<String, Object>> placement = new TreeMap<>();
        jdbc.queryForList(CITUS_PLACEMENT).forEach(row -> placement.put((String) row.get("table_name"), row));
        List<String> distributed = List.of("accounts", "trades", "position_valuations", "portfolio_snapshots");
        for (String table : distributed) {
            assertThat(placement.get(table))
                    .as(table)
                    .containsEntry("method", "h")
                    .containsEntry("column_name", "account_id");
            assertThat(placement.get(table).get("colocationid"))
                    .as("%s is co-located with accounts", table)
                    .isEqualTo(placement.get("accounts").get("colocationid"));
        }
        for (String table : List.of(
                "daily_prices",
                "split_events",
                "split_fetches",
                "market_closures",
                "grouped_fetches",
                "symbol_fetches",
                "provider_fetches")) {
            assertThat(placement.get(table)).as(table).containsEntry("method", "n");
        }
        assertThat(placement)
                .containsKey("freshness")
                .doesNotContainKeys("refresh_jobs", "refresh_job_counts", "shedlock");
    }
}
