package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 4: Polygon answers 503 to everything. Runs end FAILED quickly (bounded retries, the
 * lock released at once), the alert turns CRITICAL after three, and OK after one success.
 *
 * <p>The service runs on the real clock in its own process, so the outage is not five minutes of
 * fake time but as many failing runs as the alert needs. The back-off is shortened
 * ({@code valuator.polygon.initial-backoff} = 200 ms instead of 2 s) to keep the suite fast; the
 * number of attempts (4 per call) is the production one, so the bound checked here scales to
 * production as attempts × calls × (2 + 4 + 8 s back-off).
 */
class ProviderOutageIT extends ScenarioIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    ServiceProcess service;

    @Test
    void outageFailsRunsQuicklyTurnsCriticalAfterThreeAndRecoversAfterOneSuccess() {
        service = closedAfter(
                ServiceProcess.start("provider-outage", Map.of("VALUATOR_POLYGON_INITIALBACKOFF", "PT0.2S")));
        Scenario.seedAccount(service);
        PolygonStandIn.outage();

        List<Long> durations = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Instant before = Instant.now();
            HttpResponse<String> answer = Scenario.cronCallNow(service);
            long wallMs = Duration.between(before, Instant.now()).toMillis();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
            JsonNode data = JSON.readTree(answer.body()).path("data");
            assertThat(data.path("status").asString()).isEqualTo("FAILED");
            assertThat(TestDatabase.lockIsFree()).isTrue(); // released as soon as the run ended
            long durationMs = TestDatabase.count(
                    "SELECT duration_ms FROM refresh_jobs WHERE job_id = ?::uuid",
                    data.path("jobId").asString());
            durations.add(durationMs);
            assertThat(wallMs).isLessThan(30_000);
            String level = alertLevel();
            levels.add(level);
            if (i < 3) {
                assertThat(level).isNotEqualTo("CRITICAL");
            }
        }
        assertThat(levels.getLast()).isEqualTo("CRITICAL");
        // the refresh verdict is DOWN with it; the instance itself can still serve
        await().atMost(Duration.ofSeconds(5)).until(() -> service.healthStatus("/actuator/health/refresh") == 503);
        assertThat(service.healthStatus()).isEqualTo(200);
        JsonNode alert = JSON.readTree(
                Scenario.get(service, "/api/valuations/refresh/alerts").body());
        String reasons = alert.path("data").path("alert").path("reasons").toString();
        int polygonCalls = PolygonStandIn.requests();

        Scenario.market(0);
        HttpResponse<String> success = Scenario.cronCallNow(service);
        assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
        assertThat(alertLevel()).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> service.healthStatus("/actuator/health/refresh") == 200);
        assertThat(service.healthStatus()).isEqualTo(200);
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();

        Scenario.log(
                "provider outage",
                "3 runs FAILED with durationMs " + durations + " (" + polygonCalls + " Polygon calls in all), levels "
                        + levels + ", reasons " + reasons
                        + "; /actuator/health 200 throughout, /actuator/health/refresh 503 on CRITICAL, 200 after one"
                        + " success");
    }

    private String alertLevel() {
        HttpResponse<String> alerts = Scenario.get(service, "/api/valuations/refresh/alerts");
        assertThat(alerts.statusCode()).isEqualTo(200);
        return JSON.readTree(alerts.body())
                .path("data")
                .path("alert")
                .path("level")
                .asString();
    }
}
