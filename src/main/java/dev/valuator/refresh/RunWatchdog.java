package dev.valuator.refresh;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the job table truthful: closes RUNNING rows whose lock no backend holds any more
 * (the process died), stops runs past {@code VALUATION_REFRESH_MAX_RUNTIME}, and deletes rows
 * older than {@code VALUATION_JOB_RETENTION_DAYS}. It reads {@code pg_locks}; it never takes the
 * lock to find out.
 */
@Component
class RunWatchdog {

    private static final Logger log = LoggerFactory.getLogger(RunWatchdog.class);
    private static final String REAP = """
            UPDATE refresh_jobs j
               SET status = 'FAILED', finished_at = :now,
                   duration_ms = (extract(epoch FROM (CAST(:now AS timestamptz) - j.started_at)) * 1000)::bigint,
                   error = 'abandoned: the process running it stopped holding the refresh lock (found at '
                           || to_char(CAST(:now AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                           || ' by ' || :instance || '); it may have crashed or lost its database connection'
             WHERE j.status = 'RUNNING'
               AND NOT EXISTS (
                   SELECT 1 FROM pg_locks l
                    WHERE l.locktype = 'advisory' AND l.granted AND l.pid = j.lock_backend_pid
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND l.classid = :classid AND l.objid = :objid AND l.objsubid = 1)
            RETURNING j.job_id
            """;
    private static final String PURGE = """
            DELETE FROM refresh_jobs WHERE started_at < :cutoff AND status <> 'RUNNING'
            """;

    private final JdbcClient jdbc;
    private final RefreshService refresh;
    private final RefreshProperties properties;
    private final Clock clock;

    RunWatchdog(JdbcClient jdbc, RefreshService refresh, RefreshProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        reapAbandoned();
    }

    /** Closes RUNNING rows whose lock is not held by the backend that took it; returns their ids. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    List<UUID> reapAbandoned() {
        long[] tag = RefreshLock.lockTag(properties.lockId());
        try {
            List<UUID> reaped = jdbc.sql(REAP)
                    .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                    .param("instance", InstanceId.get())
                    .param("classid", tag[0])
                    .param("objid", tag[1])
                    .query(UUID.class)
                    .list();
            reaped.forEach(
                    id -> log.warn("Refresh {} was abandoned (no backend holds its lock); closed as FAILED", id));
            return reaped;
        } catch (RuntimeException e) {
            log.warn("Could not look for abandoned refresh runs: {}", e.getMessage());
            return List.of();
        }
    }

    @Scheduled(fixedDelayString = "PT5S")
    void enforceMaxRuntime() {
        refresh.enforceDeadlines();
    }

    /** Deletes finished rows older than the retention period; returns how many. */
    @Scheduled(cron = "0 17 4 * * *", zone = "UTC")
    int purgeOldJobs() {
        Instant cutoff = clock.instant().minus(properties.jobRetentionDays(), ChronoUnit.DAYS);
        int deleted = jdbc.sql(PURGE).param("cutoff", Timestamp.from(cutoff)).update();
        if (deleted > 0) {
            log.info("Deleted {} refresh job rows older than {} days", deleted, properties.jobRetentionDays());
        }
        return deleted;
    }
}
