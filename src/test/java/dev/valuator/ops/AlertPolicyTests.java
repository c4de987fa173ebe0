package dev.valuator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.refresh.config.Cadence;
import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The alert policy against the default cadence {@code 0 0/30 9-16 * * MON-FRI} in New York. */
@ValuatorTest
class AlertPolicyTests extends RunningService {

    static final ZoneId NY = ZoneId.of("America/New_York");

    @Autowired
    AlertReport alerts;

    @Autowired
    Cadence cadence;

    static Instant ny(String date, String time) {
        return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(NY).toInstant();
    }

    void job(String status, Instant startedAt, Duration took, String error) {
        Instant finished = status.equals("RUNNING") ? null : startedAt.plus(took);
        jdbc.update(
                """
                INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms, error,
                                          lock_backend_pid)
                VALUES (?, 'SCHEDULED', 'CRON_HTTP', ?, ?, ?, ?, ?, pg_backend_pid())""",
                UUID.randomUUID(),
                status,
                Timestamp.from(startedAt),
                finished == null ? null : Timestamp.from(finished),
                finished == null ? null : took.toMillis(),
                error);
    }

    /** A successful run at every expected tick of the day from 09:00 through {@code last}. */
    void goodDay(String date, String last) {
        for (LocalTime t = LocalTime.of(9, 0); !t.isAfter(LocalTime.parse(last)); t = t.plusMinutes(30)) {
            job("SUCCEEDED", ny(date, t.toString()), Duration.ofSeconds(40), null);
        }
    }

    AlertReport.Report at(Instant now) {
        clock.set(now);
        return alerts.report(24);
    }

    @Test
    void runsEveryThirtyMinutesInMarketHoursAreOk() {
        goodDay("2026-03-03", "14:30");
        var report = at(ny("2026-03-03", "14:40"));
        assertThat(report.alert().level()).isEqualTo(AlertReport.Level.OK);
        assertThat(report.alert().shouldWarn()).isFalse();
        assertThat(report.alert().reasons()).isEmpty();
        assertThat(report.totals().succeeded()).isEqualTo(12);
        assertThat(report.latestSuccessAt()).isEqualTo(ny("2026-03-03", "14:30").plusSeconds(40));
    }

    @Test
    void aMissedFridayAfternoonWarnsOnSaturday() {
        goodDay("2026-03-06", "12:00");
        var report = at(ny("2026-03-07", "10:00"));
        assertThat(report.alert().level()).isEqualTo(AlertReport.Level.WARNING);
        assertThat(report.alert().reasons())
                .singleElement()
                .asString()
                .startsWith(
                        "No refresh has succeeded since Fri 2026-03-06 12:00 New York; 9 expected runs were missed.");
    }

    @Test
    void aQuietSaturdayAfterAGoodFridayIsOk() {
        goodDay("2026-03-06", "16:30");
        assertThat(at(ny("2026-03-07", "10:00")).alert().level()).isEqualTo(AlertReport.Level.OK);
        assertThat(at(ny("2026-03-08", "23:00")).alert().level()).isEqualTo(AlertReport.Level.OK);
    }

    @Test
    void thanksgivingIsQuiet() {
        goodDay("2026-11-25", "16:30");
        assertThat(at(ny("2026-11-26", "15:00")).alert().level()).isEqualTo(AlertReport.Level.OK);
        assertThat(at(ny("2026-11-27", "09:05")).alert().level()).isEqualTo(AlertReport.Level.OK);
    }

    @Test
    void theDayAfterADstChangeExpectsTicksOnNewYorkTime() {
        // clocks went forward on Sunday 2026-03-08: Monday's 09:00 tick is 13:00 UTC, not 14:00
        goodDay("2026-03-06", "16:30");
        assertThat(cadence.between(ny("2026-03-06", "16:30"), ny("2026-03-09", "10:00")))
                .containsExactly(
                        Instant.parse("2026-03-09T13:00:00Z"),
                        Instant.parse("2026-03-09T13:30:00Z"),
                        Instant.parse("2026-03-09T14:00:00Z"));
        assertThat(at(Instant.parse("2026-03-09T13:05:00Z")).alert().level()).isEqualTo(AlertReport.Level.OK);
        var late = at(Instant.parse("2026-03-09T13:35:00Z"));
        assertThat(late.alert().level()).isEqualTo(AlertReport.Level.WARNING);
        assertThat(late.alert().reasons().getFirst()).contains("2 expected runs were missed");
    }

    @Test
    void aRunPastItsMaximumRuntimeWarns() {
        goodDay("2026-03-03", "14:00");
        job("RUNNING", ny("2026-03-03", "14:00").plusSeconds(50), Duration.ZERO, null);
        var report = at(ny("2026-03-03", "14:45"));
        assertThat(report.alert().level()).isEqualTo(AlertReport.Level.WARNING);
        assertThat(report.alert().reasons())
                .anySatisfy(r -> assertThat(r)
                        .contains("has been running for 44 min")
                        .contains("VALUATION_REFRESH_MAX_RUNTIME"));
        assertThat(report.totals().running()).isEqualTo(1);
    }

    @Test
    void threeFailuresInARowAreCriticalAndOneSuccessClearsIt() {
        goodDay("2026-03-03", "13:00");
        job("FAILED", ny("2026-03-03", "13:30"), Duration.ofSeconds(5), "Polygon answered 503");
        job("SKIPPED_CONFLICT", ny("2026-03-03", "13:31"), Duration.ZERO, "Refresh already running");
        job("FAILED", ny("2026-03-03", "14:00"), Duration.ofSeconds(5), "Polygon answered 503");
        var two = at(ny("2026-03-03", "14:10"));
        // two ticks without success already warn; two failures are not yet critical
        assertThat(two.alert().level()).isEqualTo(AlertReport.Level.WARNING);
        assertThat(two.consecutiveFailures()).isEqualTo(2);

        job("FAILED", ny("2026-03-03", "14:30"), Duration.ofSeconds(5), "Polygon answered 503");
        var three = at(ny("2026-03-03", "14:40"));
        assertThat(three.alert().level()).isEqualTo(AlertReport.Level.CRITICAL);
        assertThat(three.consecutiveFailures()).isEqualTo(3);
        assertThat(three.alert().reasons().getFirst())
                .startsWith("The last 3 refresh runs failed")
                .contains("Polygon answered 503");
        assertThat(three.latestFailureAt()).isEqualTo(ny("2026-03-03", "14:30").plusSeconds(5));

        job("SUCCEEDED", ny("2026-03-03", "14:45"), Duration.ofSeconds(30), null);
        var recovered = at(ny("2026-03-03", "14:50"));
        assertThat(recovered.alert().level()).isEqualTo(AlertReport.Level.OK);
        assertThat(recovered.consecutiveFailures()).isZero();
    }

    @Test
    void theRunbooksAlertsCurlReturnsTheContractShape() {
        goodDay("2026-03-03", "14:30");
        clock.set(ny("2026-03-03", "14:40"));
        // curl -sS "http://localhost:3000/api/valuations/refresh/alerts?lookbackHours=24"
        var response = new Http(port).get("/api/valuations/refresh/alerts?lookbackHours=24");
        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("lookbackHours").asInt()).isEqualTo(24);
        assertThat(data.path("totals").path("succeeded").asInt()).isEqualTo(12);
        assertThat(data.path("totals").has("failed")).isTrue();
        assertThat(data.path("totals").has("skippedConflict")).isTrue();
        assertThat(data.path("totals").has("running")).isTrue();
        assertThat(data.path("latestSuccessAt").asString()).endsWith("Z");
        assertThat(data.path("latestFailureAt").isNull()).isTrue();
        assertThat(data.path("consecutiveFailures").asInt()).isZero();
        assertThat(data.path("alert").path("shouldWarn").asBoolean()).isFalse();
        assertThat(data.path("alert").path("level").asString()).isEqualTo("OK");
        assertThat(data.path("alert").path("reasons").isArray()).isTrue();
        for (String bad : new String[] {"0", "721", "x", "-5"}) {
            assertThat(new Http(port)
                            .get("/api/valuations/refresh/alerts?lookbackHours=" + bad)
                            .status())
                    .isEqualTo(400);
        }
        var refresh =
                new Http(port).get("/actuator/health/refresh", Http.admin()).json();
        assertThat(refresh.path("components")
                        .path("refreshVerdict")
                        .path("details")
                        .path("level")
                        .asString())
                .isEqualTo("OK");
        for (String group :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var health = new Http(port).get(group, Http.admin()).json();
            assertThat(health.path("components").has("refreshVerdict"))
                    .as(group)
                    .isFalse();
            assertThat(health.path("components").has("db")).as(group).isNotEqualTo(group.endsWith("liveness"));
        }
    }

    @Test
    void criticalTakesTheRefreshGroupDownButNeverTheServicesHealth() {
        goodDay("2026-03-03", "13:00");
        for (String time : new String[] {"13:30", "14:00", "14:30"}) {
            job("FAILED", ny("2026-03-03", time), Duration.ofSeconds(5), "Polygon answered 503");
        }
        clock.set(ny("2026-03-03", "14:40"));
        Http http = new Http(port);
        // the health contributors answer from a result at most two seconds old
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.get("/actuator/health/refresh").status() == 503);
        var refresh = http.get("/actuator/health/refresh");
        assertThat(refresh.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(refresh.json().has("components")).isFalse();
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/api/valuations/refresh/alerts")
                        .json()
                        .path("data")
                        .path("alert")
                        .path("level")
                        .asString())
                .isEqualTo("CRITICAL");
    }
}
