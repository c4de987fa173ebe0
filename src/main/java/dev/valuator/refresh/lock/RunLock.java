package dev.valuator.refresh.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** What lets one refresh run at a time: {@link RefreshLock}, PostgreSQL's session advisory lock. */
public interface RunLock {

    /**
     * Tries to take the lock on a new connection; empty when another session holds it. The
     * caller owns the returned handle and must {@link Held#close()} it.
     */
    Optional<Held> tryAcquire(Duration statementTimeout) throws SQLException;

    /** The lock, held by one backend for one run. */
    interface Held extends AutoCloseable {

        /** The connection holding the lock: every write of the run goes through it. */
        Connection connection();

        /** The server process holding the lock (the reaper looks for it in {@code pg_locks}). */
        int backendPid();

        /** Unlocks and closes the connection. */
        @Override
        void close();
    }
}
