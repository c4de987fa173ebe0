package dev.valuator.refresh;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import dev.valuator.support.ValuatorTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A pool of two connections: callers during a run all get 409 without connections of their own,
 * and no pooled connection holds the lock.
 */
@ValuatorTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "VALUATION_DB_POOL_SIZE=2")
class RefreshSmallPoolTests {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HikariDataSource dataSource;

    @Test
    void sixtyCallersDuringARunAllGet409AndThePoolNeverHoldsTheLock() throws Exception {
        Tables.truncateAll(jdbc);
        PolygonStandIn.server().resetAll();
        Http http = new Http(port);
        http.put("/api/accounts/acc-1", "{\"name\":\"Main\"}", admin(json()));
        http.post(
                "/api/accounts/acc-1/trades",
                "{\"trades\":[{\"symbol\":\"AAPL\",\"tradeDate\":\"2026-01-05\",\"side\":\"BUY\",\"quantity\":10,\"price\":90}]}",
                admin(json()));
        PolygonStandIn.market(2500, clock, "AAPL");
        String secret = TestEnvironment.CRON_SECRET;
        var accepted = http.post(
                "/api/valuations/refresh/scheduled", "{}", json("x-cron-secret", secret, "Prefer", "respond-async"));
        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.json().path("data").path("jobId").asString();

        try (ConnectionSampler sampler = new ConnectionSampler()) {
            assertThat(burst(http, 60)).containsOnly(409).hasSize(60);
            assertThat(sampler.peak()).as("pool 2 + lock 1 + 2").isLessThanOrEqualTo(POOL + 1 + 2);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_jobs WHERE status = 'SKIPPED_CONFLICT'", Long.class))
                .isEqualTo(60);

        List<Map<String, Object>> holders = jdbc.queryForList("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.objid = 482175 AND l.granted
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""");
        assertThat(holders).hasSize(1);
        assertThat(holders.getFirst()).containsEntry("application_name", "valuator-refresh-lock");
        assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                         WHERE l.locktype = 'advisory' AND a.application_name = 'valuator'
                           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""", Long.class)).isZero();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> "SUCCEEDED"
                        .equals(jdbc.queryForObject(
                                "SELECT status FROM refresh_jobs WHERE job_id = ?::uuid", String.class, jobId)));
    }

    /** Another instance holds the lock: this one's callers queue for one lock attempt at a time. */
    @Test
    void sixtyCallersWhileAnotherInstanceRunsUseABoundedNumberOfConnections() throws Exception {
        Tables.truncateAll(jdbc);
        Http http = new Http(port);
        try (Connection otherInstance = TestDatabase.connect();
                Statement statement = otherInstance.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(482175)");
            try (ConnectionSampler sampler = new ConnectionSampler()) {
                assertThat(burst(http, 60)).containsOnly(409).hasSize(60);
                assertThat(sampler.peak()).as("pool 2 + lock 1 + 2").isLessThanOrEqualTo(POOL + 1 + 2);
            }
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_jobs WHERE status = 'SKIPPED_CONFLICT'", Long.class))
                .isEqualTo(60);
    }

    static final int POOL = 2;

    static List<Integer> burst(Http http, int callers) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(callers);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return http.post(
                                    "/api/valuations/refresh/scheduled",
                                    "{}",
                                    json("x-cron-secret", TestEnvironment.CRON_SECRET))
                            .status();
                }));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        return statuses;
    }

    /**
     * Samples this service's connections every few milliseconds: its pool (Hikari's count: other
     * test contexts on the same database have pools of their own) plus lock connections.
     */
    final class ConnectionSampler implements AutoCloseable {
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        ConnectionSampler() throws Exception {
            Connection connection = TestDatabase.connect();
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            thread = Thread.ofPlatform().start(() -> {
                try (connection;
                        PreparedStatement count = connection.prepareStatement("""
                                SELECT count(*) FROM pg_stat_activity
                                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                                   AND application_name = 'valuator-refresh-lock'""")) {
                    while (!stop.get()) {
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            peak.accumulateAndGet(rs.getInt(1) + pool.getTotalConnections(), Math::max);
                        }
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        int peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
