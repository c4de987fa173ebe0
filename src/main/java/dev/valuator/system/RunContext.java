package dev.valuator.system;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What a refresh run hands its phases. Every write of the run goes through {@link #jdbc()},
 * which is bound to the one connection holding the refresh advisory lock: if that backend dies,
 * the server drops the lock and every later write fails, so a run that lost its lock can commit
 * nothing (the fence).
 */
public interface RunContext {

    /** The job row of this run (provenance for written rows). */
    UUID jobId();

    /** SQL on the lock-holding connection. */
    JdbcClient jdbc();

    /** Transactions on the lock-holding connection. */
    TransactionOperations transactions();

    /** When the run must stop ({@code VALUATION_REFRESH_MAX_RUNTIME} after its start). */
    Instant deadline();

    /**
     * A safe point: throws {@link RunStopped} if the run is past its deadline, the service is
     * shutting down, or the lock is gone. Phases call it between calls and statements.
     */
    void checkpoint();

    /**
     * Reports how far the run has got. Cheap to call often: the figures reach the job row at most
     * once a second (and always when {@code force} is set, at the end of a phase).
     */
    default void progress(RunProgress progress, boolean force) {}

    /** Reports a step of {@code phase} with the figures last reported (the call counts carry over). */
    default void step(String phase) {}
}
