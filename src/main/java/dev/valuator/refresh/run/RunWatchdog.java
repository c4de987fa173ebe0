package dev.valuator.refresh.run;

import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobLifecycle;
import dev.valuator.refresh.lock.RefreshLock;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the job table truthful: closes RUNNING rows whose lock no backend holds any more
 * (the process died), stops runs past {@code VALUATION_REFRESH_MAX_RUNTIME}, and deletes rows
 * older than {@code VALUATION_JOB_RETENTION_DAYS}. It reads {@code pg_locks}; it never takes the
 * lock to find out.
 */
@Component
public class RunWatchdog {

    private static final Logger log = LoggerFactory.getLogger(RunWatchdog.class);
    private final JobLifecycle jobs;
    private final ActiveRuns active;
    private final RefreshProperties properties;
    private final Clock clock;

    RunWatchdog(JobLifecycle jobs, ActiveRuns active, RefreshProperties properties, Clock clock) {
        this.jobs = jobs;
        this.active = active;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        reapAbandoned();
    }

    /** Closes RUNNING rows whose lock is not held by the backend that took it; returns their ids. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public List<UUID> reapAbandoned() {
        long[] tag = RefreshLock.lockTag(properties.lockId());
        try {
            List<UUID> reaped =
                    jobs.failAbandoned(clock.instant().truncatedTo(ChronoUnit.MILLIS), InstanceId.get(), tag);
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
        active.enforceDeadlines();
    }

    /** Deletes finished rows older than the retention period; returns how many. */
    @Scheduled(cron = "0 17 4 * * *", zone = "UTC")
    public int purgeOldJobs() {
        Instant cutoff = clock.instant().minus(properties.jobRetentionDays(), ChronoUnit.DAYS);
        int deleted = jobs.deleteFinishedBefore(cutoff);
        if (deleted > 0) {
            log.info("Deleted {} refresh job rows older than {} days", deleted, properties.jobRetentionDays());
        }
        return deleted;
    }
}
