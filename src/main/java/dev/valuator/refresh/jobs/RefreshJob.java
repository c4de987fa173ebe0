package dev.valuator.refresh.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.request.Trigger;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        Caller source,
        JobStatus status,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        RefreshRequest request,
        JsonNode price,
        JsonNode valuation,
        String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID runningJobId,
        JsonNode progress) {

    /** What stands for an account id in the public answers. */
    public static final String REDACTED = "(redacted)";

    /**
     * The job as an anonymous caller sees it (docs/api.md): {@code request.accountId} is {@value
     * #REDACTED}, and so is any mention of that account in the error.
     */
    public RefreshJob redacted() {
        if (request == null || request.accountId() == null) {
            return this;
        }
        String account = request.accountId();
        String shownError = error == null
                ? null
                : error.replaceAll(
                        "(?<![A-Za-z0-9_.:-])" + Pattern.quote(account) + "(?![A-Za-z0-9_.:-])",
                        Matcher.quoteReplacement(REDACTED));
        return new RefreshJob(
                jobId,
                trigger,
                source,
                status,
                startedAt,
                finishedAt,
                durationMs,
                new RefreshRequest(REDACTED, request.symbols(), request.from(), request.to()),
                price,
                valuation,
                shownError,
                runningJobId,
                progress);
    }
}
