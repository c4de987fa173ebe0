package dev.valuator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.PgBouncer;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar behind Debian's PgBouncer in front of the test database. Transaction
 * mode on {@code DATABASE_URL} alone stops start-up with an explanation; transaction mode for the
 * request pool plus a direct {@code DATABASE_DIRECT_URL} runs the runbook and keeps one run under a
 * burst; session mode works as a direct connection does.
 */
@Tag("soak")
class PgBouncerIT extends ScenarioIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int BURST = 30;
    /** Client logins of the start-up probe of one location: one client plus {@code PoolerProbe.HOLDERS}. */
    static final int PROBE_LOGINS = 4;

    PgBouncer bouncer;
    ServiceProcess service;

    @BeforeEach
    void pgbouncerInstalled() {
        if (!PgBouncer.available()) {
            throw new IllegalStateException("This scenario needs Debian's pgbouncer: apt-get install -y pgbouncer");
        }
    }

    @Test
    void transactionModeOnDatabaseUrlAloneStopsStartupWithAnExplanation() {
        bouncer = closedAfter(PgBouncer.start("it-transaction-alone", PgBouncer.Mode.TRANSACTION));
        service = closedAfter(
                ServiceProcess.launch("pgbouncer-transaction-alone", Map.of("DATABASE_URL", bouncer.postgresUrl())));

        Integer exit = service.waitFor(Duration.ofSeconds(120));
        String log = service.logOfThisStart();
        assertThat(exit).as("exit code; log:\n" + service.logTail(40)).isEqualTo(1);
        assertThat(log)
                .contains("Valuator cannot start")
                .contains("DATABASE_URL goes through a connection pooler in transaction mode")
                .contains("is not the server backend's")
                .contains("session advisory lock")
                .contains("Set DATABASE_DIRECT_URL to a direct connection");
        assertThat(log).as("refused before any migration ran").doesNotContain("Successfully validated");
        assertThat(log).as("no JDBC failure, no stack trace").doesNotContain("PSQLException", "\tat ");
        Scenario.log(
                "pgbouncer",
                "transaction mode alone: exit " + exit + " with\n"
                        + log.lines()
                                .dropWhile(line -> !line.contains("Valuator cannot start"))
                                .limit(8)
                                .reduce("", (a, b) -> a + b + "\n"));
    }

    @Test
    void transactionModeForThePoolWithADirectUrlRunsTheRunbookAndOneRunUnderABurst() {
        bouncer = closedAfter(PgBouncer.start("it-transaction-direct", PgBouncer.Mode.TRANSACTION));
        service = closedAfter(ServiceProcess.start(
                "pgbouncer-transaction-direct",
                Map.of(
                        "DATABASE_URL", bouncer.postgresUrl(),
                        "DATABASE_DIRECT_URL", TestEnvironment.jdbcUrlWithCredentials())));
        assertThat(service.logOfThisStart())
                .contains("DATABASE_DIRECT_URL (refresh lock, migrations): a direct connection")
                .contains("DATABASE_URL (request pool, no server-side prepared statements): a connection pooler in"
                        + " transaction mode");

        runbookAndBurst("transaction mode + DATABASE_DIRECT_URL");
        assertThat(logins()).as("the request pool logged in through PgBouncer").isGreaterThan(PROBE_LOGINS);
    }

    @Test
    void sessionModeWorksAsDirect() {
        bouncer = closedAfter(PgBouncer.start("it-session", PgBouncer.Mode.SESSION));
        service = closedAfter(ServiceProcess.start("pgbouncer-session", Map.of("DATABASE_URL", bouncer.postgresUrl())));
        assertThat(service.logOfThisStart())
                .contains("DATABASE_URL (refresh lock, migrations): a connection pooler in session mode");

        runbookAndBurst("session mode");
        // the pool's connections and the lock connections of the two runs (a burst opens no lock
        // connections of its own while this instance runs: RefreshLock)
        assertThat(logins()).as("everything logged in through PgBouncer").isGreaterThan(PROBE_LOGINS + 2);
    }

    /** The runbook's cron call answers 200; then 30 cron calls at once give one run and 29 × 409. */
    private void runbookAndBurst(String setup) {
        Scenario.seedAccount(service);
        HttpResponse<String> runbook = Scenario.cronCallNow(service);
        assertThat(runbook.statusCode()).as(runbook.body()).isEqualTo(200);
        assertThat(JSON.readTree(runbook.body()).path("data").path("status").asString())
                .isEqualTo("SUCCEEDED");

        TestDatabase.forgetMarketData();
        Scenario.market(1000); // each Polygon answer takes 1 s: the run outlasts the burst's arrival
        long jobsBefore = TestDatabase.count("SELECT count(*) FROM refresh_jobs");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            calls.add(Scenario.cronCall(service, Duration.ofSeconds(120)));
        }
        List<String> succeeded = new ArrayList<>();
        List<String> runningJobIds = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response;
            try {
                response = call.get(150, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(Scenario.CLIENT_TIMEOUT_NOTE + ": " + e, e);
            }
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (response.statusCode() == 200
                    && "SUCCEEDED".equals(data.path("status").asString())) {
                succeeded.add(data.path("jobId").asString());
            } else if (response.statusCode() == 409
                    && "SKIPPED_CONFLICT".equals(data.path("status").asString())) {
                runningJobIds.add(data.path("runningJobId").asString());
            } else {
                unexpected.add(response.statusCode() + " " + response.body());
            }
        }
        assertThat(unexpected).as(setup + ": answers other than 200 and 409").isEmpty();
        assertThat(succeeded).as(setup + ": runs").hasSize(1);
        assertThat(runningJobIds)
                .as(setup + ": conflicts naming the run")
                .hasSize(BURST - 1)
                .containsOnly(succeeded.getFirst());
        assertThat(TestDatabase.count("SELECT count(*) FROM refresh_jobs") - jobsBefore)
                .isEqualTo(BURST);
        assertThat(TestDatabase.jobs("RUNNING")).isZero();
        assertThat(TestDatabase.lockIsFree()).isTrue();
        assertThat(TestDatabase.halfWrittenSnapshots()).isZero();
        Scenario.log(setup, "runbook 200; burst of " + BURST + ": 1 × 200, " + runningJobIds.size() + " × 409");
    }

    private long logins() {
        return bouncer.logText()
                .lines()
                .filter(line -> line.contains("login attempt"))
                .count();
    }
}
