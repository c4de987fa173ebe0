package dev.valuator.refresh.run;

import dev.valuator.refresh.lock.DatabaseFailure;
import dev.valuator.system.RunContext;
import dev.valuator.system.RunProgress;
import dev.valuator.system.RunStopped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run's {@link RunContext}: every write goes through the connection holding the advisory lock.
 * If that backend is killed, the server releases the lock and the connection is gone, so no
 * later write of this run can commit — the fence needs no extra check per statement. Each
 * checkpoint asks {@code stopReason} (the run's entry in {@link ActiveRuns}: stopped, past its
 * deadline, shutting down) whether to stop, then makes sure the connection is still served by the
 * backend that took the lock, which only a transaction-mode pooler could change.
 */
public final class LockedRun implements RunContext {

    private static final Logger log = LoggerFactory.getLogger(LockedRun.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final UUID jobId;
    private final Connection connection;
    private final int lockBackendPid;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Instant deadline;
    private final Clock clock;
    private final Supplier<String> stopReason;
    private final Consumer<RunProgress> progressWriter;
    private volatile RunProgress latestProgress;
    private final AtomicLong progressWrittenNanos = new AtomicLong();

    public LockedRun(
            UUID jobId,
            Connection connection,
            int lockBackendPid,
            Instant deadline,
            Clock clock,
            Supplier<String> stopReason,
            Consumer<RunProgress> progressWriter) {
        this.jobId = jobId;
        this.progressWriter = progressWriter;
        this.connection = connection;
        this.lockBackendPid = lockBackendPid;
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        this.jdbc = JdbcClient.create(single);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
        this.deadline = deadline;
        this.clock = clock;
        this.stopReason = stopReason;
        // the figures its job row starts with (RefreshJobs.insertRunning), until the first report
        this.latestProgress = RunProgress.starting(clock.instant());
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

    @Override
    public void progress(RunProgress progress, boolean force) {
        latestProgress = progress;
        long now = System.nanoTime();
        // at most one write a second, measured on the real clock: it bounds I/O, not domain time
        long written = progressWrittenNanos.get();
        if (!force && written != 0 && now - written < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        if (!progressWrittenNanos.compareAndSet(written, now) && !force) {
            return; // another thread writes this second's figures
        }
        try {
            progressWriter.accept(progress);
        } catch (RuntimeException e) {
            log.warn("Progress of refresh {} not saved: {}", jobId, e.getMessage());
        }
    }

    @Override
    public void step(String phase) {
        RunProgress last = latestProgress;
        boolean newPhase = last == null || !phase.equals(last.phase());
        progress(
                new RunProgress(
                        phase,
                        last == null ? 0 : last.callsDone(),
                        last == null ? 0 : last.callsPlanned(),
                        last == null ? 0 : last.datesMissing(),
                        last == null ? 0 : last.symbolsMissing(),
                        last == null ? 0 : last.barsUpserted(),
                        newPhase ? null : last.etaSeconds(),
                        clock.instant()),
                newPhase);
    }

    /** The figures last reported, or null. */
    RunProgress latestProgress() {
        return latestProgress;
    }

    /** The server process holding the lock. */
    int backendPid() {
        return lockBackendPid;
    }

    /** Whether the lock-holding connection still answers. */
    public boolean connectionAlive() {
        try {
            return !connection.isClosed() && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void checkpoint() {
        String reason = stopReason.get();
        if (reason != null) {
            throw new RunStopped(reason);
        }
        int backend;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getInt(1);
        } catch (SQLException e) {
            throw new RunStopped(
                    "lost the refresh lock: " + DatabaseFailure.sentence(e) + "; nothing more was committed");
        }
        if (backend != lockBackendPid) {
            throw new RunStopped("lost the refresh lock: its connection is now served by server backend " + backend
                    + ", not " + lockBackendPid + " that holds the lock (a transaction-mode pooler); set"
                    + " DATABASE_DIRECT_URL to a direct connection");
        }
    }
}
