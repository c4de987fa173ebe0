package dev.valuator.refresh.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.request.Source;
import dev.valuator.refresh.request.Trigger;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job row as the jobs API shows it.
 *
 * @param jobId the run's id
 * @param trigger MANUAL or SCHEDULED
 * @param source CRON_HTTP, TIMER, MANUAL_HTTP or CLI
 * @param status RUNNING, SUCCEEDED, FAILED or SKIPPED_CONFLICT
 * @param startedAt when the row was recorded
 * @param finishedAt when it ended, or null while RUNNING
 * @param durationMs finishedAt − startedAt, or null while RUNNING
 * @param request what was asked for
 * @param price the price-phase summary, or null
 * @param valuation the valuation-phase summary, or null
 * @param error why it failed or was skipped, or null
 * @param runningJobId for SKIPPED_CONFLICT: the run that held the lock
 * @param progress how far the run has got (live while RUNNING, the last figures once it ended), or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RefreshJob(
        UUID jobId,
        Trigger trigger,
        Source source,
        JobStatus status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        RefreshRequest request,
        JsonNode price,
        JsonNode valuation,
        String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID runningJobId,
        JsonNode progress) {}
