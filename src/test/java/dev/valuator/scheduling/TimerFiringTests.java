package dev.valuator.scheduling;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.Http;
import dev.valuator.support.Ledgers;
import dev.valuator.support.Overlap;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** The real timer firing every 2 s, alone and together with cron and manual calls. */
@ValuatorTest
@DirtiesContext // its timer must not keep firing into later test classes' database
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "VALUATION_SCHEDULER_ENABLED=true",
            "VALUATION_SCHEDULE_CRON=*/2 * * * * *",
            "VALUATION_SCHEDULE_TRADING_DAYS_ONLY=false"
        })
@Tag("soak")
class TimerFiringTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void timerCronAndManualTriggersTogetherNeverOverlap() throws Exception {
        Tables.truncateAll(jdbc);
        Http http = new Http(port);
        Ledgers.anAccountHoldingApple(http, "acc-1");
        PolygonStandIn.market(150, clock, "AAPL");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM refresh_jobs WHERE source = 'TIMER' AND status = 'SUCCEEDED'",
                                Long.class)
                        >= 1);

        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6); // three timer ticks
            for (int i = 0; i < 2; i++) {
                callers.submit(() -> {
                    while (System.nanoTime() < until) {
                        http.post(
                                "/api/valuations/refresh/scheduled",
                                "{}",
                                json("x-cron-secret", TestEnvironment.CRON_SECRET));
                    }
                });
                callers.submit(() -> {
                    while (System.nanoTime() < until) {
                        http.post("/api/valuations/refresh", "{}", admin(json()));
                    }
                });
            }
        }
        List<Instant[]> runs = new ArrayList<>(jdbc.query(
                "SELECT started_at, finished_at FROM refresh_jobs WHERE status IN ('SUCCEEDED', 'FAILED')",
                (rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()
                }));
        List<String> sources = jdbc.queryForList(
                "SELECT DISTINCT source FROM refresh_jobs WHERE status = 'SUCCEEDED' ORDER BY source", String.class);
        assertThat(sources).contains("TIMER", "CRON_HTTP", "MANUAL_HTTP");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_jobs WHERE status = 'SKIPPED_CONFLICT'", Long.class))
                .isPositive();
        assertThat(Overlap.any(runs)).as("runs overlapping in time").isFalse();
    }
}
