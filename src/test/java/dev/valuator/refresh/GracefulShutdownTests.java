package dev.valuator.refresh;

import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.valuator.ValuatorApplication;
import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** SIGTERM (context close) mid-run: the caller is answered, the run ends FAILED, the lock is free. */
@EnabledIf("dev.valuator.support.TestDatabase#available")
class GracefulShutdownTests {

    @Test
    void shutdownMidRunAnswersTheCallerAndFailsTheRun() throws Exception {
        TestEnvironment.install();
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(ValuatorApplication.class).run("--server.port=0");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try (Connection connection = TestDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            jdbc.update("""
                    INSERT INTO accounts (account_id, name, created_at, updated_at)
                    VALUES ('shutdown-1', 'S', now(), now()) ON CONFLICT DO NOTHING""");
            jdbc.update("""
                    INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)
                    VALUES ('shutdown-1', 'MSFT', '2026-01-05', 'BUY', 1, 100, now())""");
            PolygonStandIn.market(3000, Clock.systemUTC(), "MSFT", "AAPL");

            Http http = new Http(port);
            CompletableFuture<Http.Response> caller = CompletableFuture.supplyAsync(() -> http.post(
                    "/api/valuations/refresh/scheduled",
                    "{\"accountId\":\"shutdown-1\"}",
                    json("x-cron-secret", TestEnvironment.CRON_SECRET)));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM refresh_jobs WHERE status = 'RUNNING' AND request->>'accountId' = 'shutdown-1'",
                                    Long.class)
                            == 1);
            long started = System.nanoTime();
            context.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - started);

            Http.Response answer = caller.get();
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().path("error").asString()).isEqualTo("interrupted by shutdown");
            String jobId = answer.json().path("data").path("jobId").asString();
            assertThat(jdbc.queryForObject(
                            "SELECT status || ': ' || error FROM refresh_jobs WHERE job_id = ?::uuid",
                            String.class,
                            jobId))
                    .isEqualTo("FAILED: interrupted by shutdown");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 482175 AND granted"
                                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                            Long.class))
                    .isZero();
            assertThat(closing).isLessThan(Duration.ofSeconds(30));
        } finally {
            context.close();
        }
    }
}
