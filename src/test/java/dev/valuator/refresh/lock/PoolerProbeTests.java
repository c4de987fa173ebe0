package dev.valuator.refresh.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.valuator.refresh.run.LockedRun;
import dev.valuator.support.PgBouncer;
import dev.valuator.support.TestDatabase;
import dev.valuator.system.RunStopped;
import dev.valuator.system.config.ConfigurationError;
import dev.valuator.system.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The pooler probe against real PostgreSQL and real PgBouncer in each pool mode, idle and under
 * load from other clients of the same pooler; the start-up refusal it leads to; and the
 * checkpoint that stops a run whose lock connection changed backend.
 */
@EnabledIf("dev.valuator.support.PgBouncer#available")
class PoolerProbeTests {

    static PgBouncer session;
    static PgBouncer transaction;
    static PgBouncer statement;

    @BeforeAll
    static void startPoolers() {
        session = PgBouncer.start("probe-session", PgBouncer.Mode.SESSION);
        transaction = PgBouncer.start("probe-transaction", PgBouncer.Mode.TRANSACTION);
        statement = PgBouncer.start("probe-statement", PgBouncer.Mode.STATEMENT);
    }

    @AfterAll
    static void stopPoolers() {
        for (PgBouncer bouncer : new PgBouncer[] {session, transaction, statement}) {
            if (bouncer != null) {
                bouncer.close();
            }
        }
    }

    static DatabaseEndpoint endpoint(String variable, DatabaseUrl url) {
        return new DatabaseEndpoint(variable, url.jdbcUrl(), url.username(), url.password());
    }

    static PoolerProbe.Finding probe(DatabaseUrl url) throws Exception {
        return PoolerProbe.probe(endpoint("DATABASE_URL", url)::open);
    }

    @Test
    void aDirectConnectionIsDirect() throws Exception {
        PoolerProbe.Finding finding = probe(TestDatabase.url());
        assertThat(finding.route()).isEqualTo(PoolerProbe.Route.DIRECT);
        assertThat(finding.announcedPid()).isEqualTo(finding.backendPid());
    }

    @Test
    void sessionModeIsAPoolerThatKeepsSessions() throws Exception {
        PoolerProbe.Finding finding = probe(session.url());
        assertThat(finding.route()).isEqualTo(PoolerProbe.Route.SESSION_POOLER);
        assertThat(finding.announcedPid()).isNotEqualTo(finding.backendPid());
    }

    @Test
    void transactionModeIsFound() throws Exception {
        PoolerProbe.Finding finding = probe(transaction.url());
        assertThat(finding.route()).isEqualTo(PoolerProbe.Route.TRANSACTION_POOLER);
        assertThat(finding.announcedPid()).isNotEqualTo(finding.backendPid());
        assertThat(finding.describe()).contains("transaction mode");
    }

    @Test
    void statementModeCountsAsTransactionPooling() throws Exception {
        PoolerProbe.Finding finding = probe(statement.url());
        assertThat(finding.route()).isEqualTo(PoolerProbe.Route.TRANSACTION_POOLER);
        assertThat(finding.evidence()).contains("statement pooling");
    }

    /** Eight other clients keep the pooler busy with short transactions while the probe runs 50 times. */
    @Test
    void theVerdictDoesNotDependOnLoad() throws Exception {
        for (PgBouncer bouncer : List.of(transaction, session)) {
            AtomicBoolean stop = new AtomicBoolean();
            Map<PoolerProbe.Route, Integer> verdicts = new TreeMap<>();
            try (ExecutorService load = Executors.newFixedThreadPool(8)) {
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    clients.add(load.submit(() -> {
                        try (Connection connection =
                                        endpoint("load", bouncer.url()).open();
                                Statement sql = connection.createStatement()) {
                            while (!stop.get()) {
                                sql.execute("SELECT pg_sleep(random() * 0.005)");
                            }
                        }
                        return null;
                    }));
                }
                try {
                    for (int i = 0; i < 50; i++) {
                        verdicts.merge(probe(bouncer.url()).route(), 1, Integer::sum);
                    }
                } finally {
                    stop.set(true);
                }
                for (Future<?> client : clients) {
                    client.get();
                }
            }
            PoolerProbe.Route expected = bouncer.mode() == PgBouncer.Mode.SESSION
                    ? PoolerProbe.Route.SESSION_POOLER
                    : PoolerProbe.Route.TRANSACTION_POOLER;
            assertThat(verdicts).as(bouncer.mode() + " under load").isEqualTo(Map.of(expected, 50));
        }
    }

    @Test
    void theStartupCheckRefusesATransactionPoolerForTheLockWithAnExplanation() {
        DatabaseUrl pooled =
                new DatabaseUrl(transaction.url().jdbcUrl(), transaction.url().username(), "never-shown-secret");
        assertThatThrownBy(() -> new PoolerCheck(endpoint("DATABASE_URL", pooled), null).verify())
                .isInstanceOf(ConfigurationError.class)
                .satisfies(e -> {
                    List<String> lines = ((ConfigurationError) e).problems();
                    assertThat(lines.getFirst())
                            .startsWith("DATABASE_URL goes through a connection pooler in transaction mode");
                    assertThat(lines).anySatisfy(line -> assertThat(line).contains("session advisory lock"));
                    assertThat(lines.getLast()).startsWith("Set DATABASE_DIRECT_URL");
                    assertThat(e.getMessage()).doesNotContain("never-shown-secret");
                });
        assertThatThrownBy(() -> new PoolerCheck(endpoint("DATABASE_DIRECT_URL", transaction.url()), null).verify())
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("DATABASE_DIRECT_URL goes through a connection pooler in transaction mode")
                .hasMessageContaining("Point DATABASE_DIRECT_URL at the database host itself");
    }

    @Test
    void theStartupCheckAcceptsDirectAndSessionMode() {
        new PoolerCheck(endpoint("DATABASE_URL", TestDatabase.url()), null).verify();
        new PoolerCheck(endpoint("DATABASE_URL", session.url()), null).verify();
        new PoolerCheck(
                        endpoint("DATABASE_DIRECT_URL", TestDatabase.url()),
                        endpoint("DATABASE_URL", transaction.url()))
                .verify();
    }

    /**
     * Defence in depth behind the start-up check: another client takes the lock connection's
     * backend between two transactions, and the run stops at its next checkpoint.
     */
    @Test
    void aRunWhoseLockConnectionChangesBackendStopsAtItsCheckpoint() throws Exception {
        DatabaseEndpoint pooled = endpoint("DATABASE_URL", transaction.url());
        try (Connection lockConnection = pooled.open();
                Connection other = pooled.open()) {
            int lockBackend = PoolerProbe.backendPid(lockConnection);
            LockedRun run = new LockedRun(
                    UUID.randomUUID(),
                    lockConnection,
                    lockBackend,
                    Instant.now().plusSeconds(60),
                    Clock.systemUTC(),
                    () -> null,
                    progress -> {});
            run.checkpoint();
            other.setAutoCommit(false);
            assertThat(PoolerProbe.backendPid(other)).isEqualTo(lockBackend);
            assertThatThrownBy(run::checkpoint)
                    .isInstanceOf(RunStopped.class)
                    .hasMessageContaining("now served by server backend")
                    .hasMessageContaining("DATABASE_DIRECT_URL");
            other.rollback();
        }
    }
}
