package dev.valuator.refresh;

import dev.valuator.refresh.jobs.JobLifecycle;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.jobs.RefreshJobs;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.run.InstanceId;
import dev.valuator.refresh.run.RunObservers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A refresh that found the lock held: records its SKIPPED_CONFLICT row, naming the run holding
 * the lock, and tells the caller when that run is likely done.
 */
@Component
class LockConflicts {

    private static final Logger log = LoggerFactory.getLogger(LockConflicts.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final JobLifecycle rows;
    private final RefreshJobs jobs;
    private final RunObservers observers;
    private final Clock clock;

    LockConflicts(JobLifecycle rows, RefreshJobs jobs, RunObservers observers, Clock clock) {
        this.rows = rows;
        this.jobs = jobs;
        this.observers = observers;
        this.clock = clock;
    }

    RefreshOutcome.Conflict record(RefreshRequest request, Caller source) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<RefreshJob> runningJob = runningJobOfLockHolder();
        UUID runningJobId = runningJob.map(RefreshJob::jobId).orElse(null);
        UUID skippedId = UUID.randomUUID();
        rows.insertSkipped(skippedId, source, request, now, runningJobId, InstanceId.get());
        Duration typical = jobs.typicalDuration().orElse(DEFAULT_RETRY_AFTER);
        Duration elapsed =
                runningJob.map(j -> Duration.between(j.startedAt(), now)).orElse(Duration.ZERO);
        Duration retryAfter = typical.minus(elapsed);
        if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            retryAfter = Duration.ofSeconds(5);
        }
        log.info("Refresh skipped ({}): job {} holds the lock; recorded {}", source, runningJobId, skippedId);
        observers.skipped(skippedId, source);
        return new RefreshOutcome.Conflict(skippedId, runningJobId, retryAfter);
    }

    /**
     * The holder inserts its RUNNING row right after taking the lock, so a caller that lost the
     * race may look a moment too early: give the row up to a second to appear.
     */
    private Optional<RefreshJob> runningJobOfLockHolder() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Optional<RefreshJob> running = jobs.newestRunning();
        while (running.isEmpty() && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            running = jobs.newestRunning();
        }
        return running;
    }
}
