package dev.valuator.refresh.lock;

import dev.valuator.refresh.config.RefreshProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL session advisory lock that lets one refresh run at a time, across threads and
 * instances. It is taken on a dedicated connection opened for the run — never a pooled one: a
 * pooled connection returned to the pool would keep holding the lock, and its backend could take
 * it again (session locks stack), so two "exclusive" runs could both proceed. It connects to
 * {@code DATABASE_DIRECT_URL} when set, else {@code DATABASE_URL}; {@link PoolerCheck} has made
 * sure at start-up that this place keeps a client's server session.
 */
@Component
public class RefreshLock implements RunLock {

    private static final Logger log = LoggerFactory.getLogger(RefreshLock.class);
    private static final String HELD_BY_ME = """
            SELECT count(*) FROM pg_locks
             WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND classid = ? AND objid = ? AND objsubid = 1
            """;

    /** How long a caller waits for another caller's lock attempt in this process to finish. */
    private static final Duration ATTEMPT_QUEUE_WAIT = Duration.ofSeconds(10);

    private final DatabaseEndpoint database;
    private final AtomicInteger heldHere = new AtomicInteger();
    private final Semaphore attemptInFlight = new Semaphore(1, true);
    private final RefreshProperties properties;
    private final Counter attempts;

    RefreshLock(DatabaseEndpoint database, RefreshProperties properties, MeterRegistry registry) {
        this.database = database;
        this.properties = properties;
        this.attempts = Counter.builder("valuator.refresh.lock.attempts")
                .description("Attempts to take the refresh advisory lock")
                .register(registry);
    }

    /** The {@code pg_locks} (classid, objid) of a bigint advisory key. */
    public static long[] lockTag(long key) {
        return new long[] {key >>> 32, key & 0xffffffffL};
    }

    @Override
    public Optional<Held> tryAcquire(Duration statementTimeout) throws SQLException {
        attempts.increment();
        // a burst costs no connections of its own: while this process holds the lock the answer is
        // known, and otherwise one caller at a time opens a lock connection
        if (heldHere.get() > 0 || !awaitTurn()) {
            return Optional.empty();
        }
        try {
            return heldHere.get() > 0 ? Optional.empty() : attempt(statementTimeout);
        } finally {
            attemptInFlight.release();
        }
    }

    private boolean awaitTurn() {
        try {
            return attemptInFlight.tryAcquire(ATTEMPT_QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<Held> attempt(Duration statementTimeout) throws SQLException {
        Connection connection = database.open();
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = 'valuator-refresh-lock'");
                statement.execute("SET statement_timeout = " + Math.max(1000, statementTimeout.toMillis()));
            }
            boolean acquired;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, properties.lockId());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    acquired = rs.getBoolean(1);
                }
            }
            if (!acquired) {
                connection.close();
                return Optional.empty();
            }
            int pid = backendPid(connection);
            if (!heldBy(connection)) {
                connection.close();
                throw new SQLException("The refresh advisory lock was granted but is not held by this session: "
                        + database.variable() + " appears to go through a transaction-mode pooler (PgBouncer, a "
                        + "pooled endpoint). Session advisory locks need a direct connection: set "
                        + "DATABASE_DIRECT_URL to the database itself.");
            }
            heldHere.incrementAndGet();
            return Optional.of(new Session(connection, pid));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private boolean heldBy(Connection connection) throws SQLException {
        long[] tag = lockTag(properties.lockId());
        try (PreparedStatement statement = connection.prepareStatement(HELD_BY_ME)) {
            statement.setLong(1, tag[0]);
            statement.setLong(2, tag[1]);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the lock connection failed", e);
        }
    }

    /** The lock, held by one backend for one run. */
    private final class Session implements Held {
        private final Connection connection;
        private final int backendPid;
        private final AtomicBoolean released = new AtomicBoolean();

        private Session(Connection connection, int backendPid) {
            this.connection = connection;
            this.backendPid = backendPid;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public int backendPid() {
            return backendPid;
        }

        /** Unlocks on the same connection, then closes it (closing alone also releases a session lock). */
        @Override
        public void close() {
            try {
                if (!connection.isClosed()) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        statement.setLong(1, properties.lockId());
                        statement.executeQuery().close();
                    }
                }
            } catch (SQLException e) {
                log.warn("Unlocking the refresh lock failed; closing its connection releases it: {}", e.getMessage());
            } finally {
                closeQuietly(connection);
                if (released.compareAndSet(false, true)) {
                    heldHere.decrementAndGet();
                }
            }
        }
    }
}
