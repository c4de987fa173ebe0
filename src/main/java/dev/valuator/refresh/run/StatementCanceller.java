package dev.valuator.refresh.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cancels the statement a run's lock connection is executing ({@code pg_cancel_backend} through the
 * pool), so a stopped run does not wait for a long statement to end on its own.
 */
@Component
class StatementCanceller {

    private static final Logger log = LoggerFactory.getLogger(StatementCanceller.class);

    private final JdbcClient pool;

    StatementCanceller(JdbcClient pool) {
        this.pool = pool;
    }

    void cancel(LockedRun run) {
        try {
            pool.sql("SELECT pg_cancel_backend(:pid)")
                    .param("pid", run.backendPid())
                    .query(Boolean.class)
                    .single();
        } catch (RuntimeException e) {
            log.warn("Could not cancel the statement of refresh {}: {}", run.jobId(), e.getMessage());
        }
    }
}
