package dev.valuator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.ValuatorApplication;
import dev.valuator.support.Holdings;
import dev.valuator.support.Overlap;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Two application contexts on one database, the timer every 2 s: at most one run per tick, no overlap. */
@Tag("soak")
@EnabledIf("dev.valuator.support.TestDatabase#available")
class TwoInstancesTests {

    static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(ValuatorApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--valuator.schedule.enabled=true",
                        "--valuator.schedule.cron=*/2 * * * * *",
                        "--valuator.schedule.trading-days-only=false");
    }

    @Test
    void atMostOneRunPerTickAndNoOverlap() throws Exception {
        TestEnvironment.install();
        try (Connection connection = TestDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            // the tables are emptied before any timer runs: emptying them releases the timer's lock
            // (Tables.truncateAll), which under a tick's run would let the next tick through to the
            // advisory lock; a context without the timer migrates the schema first
            try (ConfigurableApplicationContext migrated = new SpringApplicationBuilder(ValuatorApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--valuator.schedule.enabled=false")) {
                Tables.truncateAll(jdbc);
            }
            PolygonStandIn.market(200, Clock.systemUTC(), "AAPL");
            Holdings.anAccountHolding(jdbc, "two-1", "AAPL", 10, 90);
            try (ConfigurableApplicationContext first = instance();
                    ConfigurableApplicationContext second = instance()) {
                await().atMost(Duration.ofSeconds(40))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT count(*) FROM refresh_jobs WHERE source = 'TIMER' AND status <> 'RUNNING'",
                                        Long.class)
                                >= 5);
            }
            List<Map<String, Object>> runs = jdbc.queryForList("""
                    SELECT started_at, finished_at, instance_id FROM refresh_jobs
                     WHERE source = 'TIMER' AND status IN ('SUCCEEDED', 'FAILED')""");
            List<Instant[]> intervals = runs.stream()
                    .map(r -> new Instant[] {
                        ((java.sql.Timestamp) r.get("started_at")).toInstant(),
                        ((java.sql.Timestamp) r.get("finished_at")).toInstant()
                    })
                    .toList();
            assertThat(Overlap.any(intervals)).isFalse();
            // at most one run per 2-second tick
            String timeline = jdbc.queryForList(
                            "SELECT started_at || ' ' || coalesce(finished_at::text, '-') || ' ' || status || ' ' || instance_id"
                                    + " FROM refresh_jobs ORDER BY started_at",
                            String.class)
                    .toString();
            // both instances fire every tick; ShedLock lets one through, so the advisory lock never has
            // to turn a timer run away (a SKIPPED_CONFLICT row would mean both ran for one tick)
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM refresh_jobs WHERE source = 'TIMER' AND status = 'SKIPPED_CONFLICT'",
                            Long.class))
                    .as(timeline)
                    .isZero();
            assertThat(jdbc.queryForObject("""
                            SELECT coalesce(max(n), 0) FROM (
                              SELECT count(*) AS n FROM refresh_jobs
                               WHERE source = 'TIMER' AND status <> 'SKIPPED_CONFLICT'
                               GROUP BY floor(extract(epoch FROM started_at) / 2)) per_tick""", Long.class)).as(timeline).isEqualTo(1);
        }
    }
}
