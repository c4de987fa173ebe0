package dev.valuator.refresh;

import dev.valuator.refresh.jobs.RefreshJob;
import java.time.Duration;
import java.util.UUID;

/** What a call to {@link RefreshService} led to. */
public sealed interface RefreshOutcome {

    /**
     * The run ran to its end, SUCCEEDED or FAILED.
     *
     * @param job the finished row
     */
    record Finished(RefreshJob job) implements RefreshOutcome {}

    /**
     * Another run held the lock; a SKIPPED_CONFLICT row was recorded.
     *
     * @param skippedJobId the SKIPPED_CONFLICT row
     * @param runningJobId the run holding the lock, when known
     * @param retryAfter when the running run is likely done
     */
    record Conflict(UUID skippedJobId, UUID runningJobId, Duration retryAfter) implements RefreshOutcome {}

    /**
     * The run holds the lock and goes on in the background ({@code Prefer: respond-async}).
     *
     * @param jobId the RUNNING row
     */
    record Started(UUID jobId) implements RefreshOutcome {}
}
