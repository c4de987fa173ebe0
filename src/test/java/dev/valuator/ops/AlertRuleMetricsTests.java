package dev.valuator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.Ledgers;
import dev.valuator.support.MutableClock;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The metrics {@code docs/prometheus/valuator-rules.yml} is written against exist under those
 * names and carry the runbook's policy: the rules themselves are unit-tested by promtool in
 * {@code .ci/run}; this test keeps them from drifting away from what the service exports.
 */
@ValuatorTest
class AlertRuleMetricsTests {

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final Pattern METRIC = Pattern.compile("\\b((?:valuator|polygon)_[a-z_]+)\\b");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    static Instant ny(String date, String time) {
        return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(NY).toInstant();
    }

    @Test
    void everyMetricOfTheRulesIsExportedWithThePolicysValues() throws IOException {
        Tables.truncateAll(jdbc);
        Http http = new Http(port);
        clock.setTicking(ny("2026-03-04", "11:50"));
        Ledgers.anAccountHoldingApple(http, "acc-1"); // resets the stand-in: the market comes after
        PolygonStandIn.quietMarket(clock);
        var run = http.post(
                "/api/valuations/refresh/scheduled", "{}", Http.json("x-cron-secret", TestEnvironment.CRON_SECRET));
        assertThat(run.status()).as(run.body()).isEqualTo(200);

        // Wednesday 12:10 New York: the last success 11:00, a run going since 11:20 (30 min max)
        Tables.truncateAll(jdbc);
        job("SUCCEEDED", ny("2026-03-04", "10:59"), ny("2026-03-04", "11:00"));
        job("RUNNING", ny("2026-03-04", "11:20"), null);
        clock.set(ny("2026-03-04", "12:10"));
        Map<String, Double> scraped = scrape(http);

        Set<String> used = new TreeSet<>();
        Matcher names = METRIC.matcher(Files.readString(Path.of("docs/prometheus/valuator-rules.yml")));
        while (names.find()) {
            used.add(names.group(1));
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(6);
        assertThat(scraped.keySet()).containsAll(used);

        assertThat(scraped.get("valuator_refresh_last_success_timestamp_seconds"))
                .isEqualTo(seconds(ny("2026-03-04", "11:00")));
        assertThat(scraped.get("valuator_refresh_second_last_expected_tick_timestamp_seconds"))
                .isEqualTo(seconds(ny("2026-03-04", "11:30")));
        assertThat(scraped.get("valuator_refresh_next_expected_tick_timestamp_seconds"))
                .isEqualTo(seconds(ny("2026-03-04", "12:30")));
        assertThat(scraped.get("valuator_refresh_oldest_running_seconds")).isEqualTo(50 * 60.0);
        assertThat(scraped.get("valuator_refresh_max_runtime_seconds")).isEqualTo(30 * 60.0);
        assertThat(scraped.get("valuator_refresh_consecutive_failures")).isZero();

        // the same moment judged by the service itself: both WARNINGs the rules raise
        var alert =
                http.get("/api/valuations/refresh/alerts").json().path("data").path("alert");
        assertThat(alert.path("level").asString()).isEqualTo("WARNING");
        assertThat(alert.path("reasons").size()).isEqualTo(2);
    }

    private void job(String status, Instant startedAt, Instant finishedAt) {
        jdbc.update(
                """
                INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms,
                                          lock_backend_pid)
                VALUES (?, 'SCHEDULED', 'CRON_HTTP', ?, ?, ?, ?, pg_backend_pid())""",
                UUID.randomUUID(),
                status,
                Timestamp.from(startedAt),
                finishedAt == null ? null : Timestamp.from(finishedAt),
                finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli());
    }

    /** Metric name to value; for a name with several label sets, the last one read. */
    private static Map<String, Double> scrape(Http http) {
        var response = http.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String name = line.replaceAll("[{ ].*", "");
            String value = line.substring(line.lastIndexOf(' ') + 1);
            values.put(name, Double.valueOf(value));
        }
        return values;
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
