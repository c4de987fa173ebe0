package dev.valuator.refresh;

import dev.valuator.system.RunContext;
import dev.valuator.system.RunStopped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run's {@link RunContext}: every write goes through the connection holding the advisory lock.
 * If that backend is killed, the server releases the lock and the connection is gone, so no
 * later write of this run can commit — the fence needs no extra check per statement. Each
 * checkpoint also makes sure the connection is still served by the backend that took the lock,
 * which only a transaction-mode pooler could change.
 */
final class LockedRun implements RunContext {

    private final UUID jobId;
    private final Connection connection;
    private final int lockBackendPid;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Instant deadline;
    private final Clock clock;
    private final BooleanSupplier shuttingDown;
    private volatile String stopReason;

    LockedRun(
            UUID jobId,
            Connection connection,
            int lockBackendPid,
            Instant deadline,
            Clock clock,
            BooleanSupplier shuttingDown) {
        this.jobId = jobId;
        this.connection = connection;
        this.lockBackendPid = lockBackendPid;
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        this.jdbc = JdbcClient.create(single);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
        this.deadline = deadline;
        this.clock = clock;
        this.shuttingDown = shuttingDown;
    }

    @Override
    public UUID jobId() {
        return jobId;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public TransactionOperations transactions() {
        return transactions;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    /** Asks the run to stop at its next safe point. */
    void stop(String reason) {
        this.stopReason = reason;
    }

    /** Whether the lock-holding connection still answers. */
    boolean connectionAlive() {
        try {
            return !connection.isClosed() && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void checkpoint() {
        if (stopReason != null) {
            throw new RunStopped(stopReason);
        }
        if (shuttingDown.getAsBoolean()) {
            throw new RunStopped("interrupted by shutdown");
        }
        if (clock.instant().isAfter(deadline)) {
            throw new RunStopped("stopped: exceeded VALUATION_REFRESH_MAX_RUNTIME (deadline " + deadline + ")");
        }
        int backend;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getInt(1);
        } catch (SQLException e) {
            throw new RunStopped("lost the refresh lock: its database connection failed (" + e.getMessage() + ")");
        }
        if (backend != lockBackendPid) {
            throw new RunStopped("lost the refresh lock: its connection is now served by server backend " + backend
                    + ", not " + lockBackendPid + " that holds the lock (a transaction-mode pooler); set"
                    + " DATABASE_DIRECT_URL to a direct connection");
        }
    }
}
