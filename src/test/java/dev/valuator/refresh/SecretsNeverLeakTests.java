package dev.valuator.refresh;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The cron secret, the admin token and the Polygon key appear in no log line (the service's own
 * loggers, Spring, OkHttp, the JDBC driver and the pool at DEBUG), job row or response.
 */
@ValuatorTest
@DirtiesContext // closing it resets the DEBUG levels, which would otherwise slow every later test in the JVM
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.dev.valuator=DEBUG",
            "logging.level.okhttp3=DEBUG",
            "logging.level.org.springframework=DEBUG",
            "logging.level.org.postgresql=DEBUG",
            "logging.level.com.zaxxer=DEBUG",
            "logging.level.io.github.resilience4j=DEBUG",
            "logging.level.WireMock=OFF"
        })
class SecretsNeverLeakTests {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void secretsStayOutOfLogsRowsAndResponses(CapturedOutput output) {
        Tables.truncateAll(jdbc);
        PolygonStandIn.server().resetAll();
        Http http = new Http(port);
        List<String> responses = new ArrayList<>();
        responses.add(http.put("/api/accounts/acc-1", "{\"name\":\"Main\"}", admin(json()))
                .body());
        responses.add(http.post(
                        "/api/accounts/acc-1/trades",
                        "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":10,\"price\":90}]}",
                        admin(json()))
                .body());
        PolygonStandIn.market(0, clock, "AAPL");
        responses.add(
                http.post("/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", TestEnvironment.CRON_SECRET))
                        .body());
        responses.add(http.post("/api/valuations/refresh", "{}", admin(json())).body());
        Tables.forgetMarketData(jdbc); // settled bars would need no call at all
        PolygonStandIn.failing(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}");
        responses.add(http.post(
                        "/api/valuations/refresh/scheduled",
                        "{}",
                        json("Authorization", "Bearer " + TestEnvironment.CRON_SECRET))
                .body());
        responses.add(http.post("/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", "wrong"))
                .body());
        responses.add(http.get("/api/valuations/refresh/jobs?limit=100").body());
        responses.add(http.get("/api/valuations/refresh").body());

        String rows =
                String.join("\n", jdbc.queryForList("SELECT row_to_json(j)::text FROM refresh_jobs j", String.class));
        assertThat(rows).contains("FAILED").contains("SUCCEEDED");
        for (String secret :
                List.of(TestEnvironment.CRON_SECRET, TestEnvironment.ADMIN_TOKEN, TestEnvironment.POLYGON_KEY)) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(rows).doesNotContain(secret);
            assertThat(String.join("\n", responses)).doesNotContain(secret);
        }
        assertThat(output.getAll()).contains("Refresh ").contains("DEBUG");
    }
}
