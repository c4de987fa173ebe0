package dev.valuator.refresh.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.refresh.RefreshOutcome;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.jobs.Freshness;
import dev.valuator.refresh.jobs.JobPages;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.jobs.RefreshJobs;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.request.Trigger;
import dev.valuator.system.ApiError;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import dev.valuator.system.SuccessBody;
import dev.valuator.system.web.PublicReads;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The runbook's refresh endpoints: scheduled and manual runs, freshness, the jobs list. */
@RestController
@RequestMapping("/api/valuations/refresh")
class RefreshController {

    private final RefreshService refresh;
    private final RefreshJobs jobs;
    private final JobPages pages;
    private final Freshness freshness;
    private final PublicReads publicReads;

    RefreshController(
            RefreshService refresh, RefreshJobs jobs, JobPages pages, Freshness freshness, PublicReads publicReads) {
        this.pages = pages;
        this.refresh = refresh;
        this.jobs = jobs;
        this.freshness = freshness;
        this.publicReads = publicReads;
    }

    /** External cron; the secret was checked by the security chain. */
    @PostMapping("/scheduled")
    ResponseEntity<Object> refreshScheduled(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(body, Caller.CRON_HTTP, prefer);
    }

    /** Vercel Cron calls with GET and {@code Authorization: Bearer <secret>}: the same run, no body. */
    @GetMapping("/scheduled")
    ResponseEntity<Object> refreshScheduledByGet(@RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(null, Caller.CRON_HTTP, prefer);
    }

    /** Manual run; the admin token was checked by the security chain. */
    @PostMapping
    ResponseEntity<Object> refreshManually(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(body, Caller.MANUAL_HTTP, prefer);
    }

    private ResponseEntity<Object> respond(RefreshRequest body, Caller source, String prefer) {
        boolean async = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
        RefreshOutcome outcome = async ? refresh.start(body, source) : refresh.run(body, source);
        return switch (outcome) {
            case RefreshOutcome.Finished finished -> finished(finished.job());
            case RefreshOutcome.Conflict conflict ->
                ResponseEntity.status(HttpStatus.CONFLICT)
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                String.valueOf(conflict.retryAfter().toSeconds()))
                        .body(new ApiError("Refresh already running", null, conflictData(conflict)));
            case RefreshOutcome.Started started ->
                ResponseEntity.accepted()
                        .location(URI.create("/api/valuations/refresh/jobs/" + started.jobId()))
                        .body(new SuccessBody<>(new Started(started.jobId(), JobStatus.RUNNING)));
        };
    }

    /**
     * The {@code data} of a run answered 202.
     *
     * @param jobId its job row
     * @param status RUNNING
     */
    record Started(UUID jobId, JobStatus status) {}

    /**
     * The {@code data} of a 409.
     *
     * @param jobId the SKIPPED_CONFLICT row recorded for this request
     * @param status SKIPPED_CONFLICT
     * @param runningJobId the run holding the lock
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Conflict(UUID jobId, JobStatus status, UUID runningJobId) {}

    private static Conflict conflictData(RefreshOutcome.Conflict conflict) {
        return new Conflict(conflict.skippedJobId(), JobStatus.SKIPPED_CONFLICT, conflict.runningJobId());
    }

    private static ResponseEntity<Object> finished(RefreshJob job) {
        RunResult result = new RunResult(job.jobId(), job.status(), job.price(), job.valuation(), job.error());
        if (job.status() == JobStatus.SUCCEEDED) {
            return ResponseEntity.ok(new SuccessBody<>(result));
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError(job.error() == null ? "Refresh failed" : job.error(), null, result));
    }

    /**
     * The {@code data} of a finished run's response.
     *
     * @param jobId the job row
     * @param status SUCCEEDED or FAILED
     * @param price price-phase summary
     * @param valuation valuation-phase summary
     * @param error why it failed, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RunResult(UUID jobId, JobStatus status, Object price, Object valuation, String error) {}

    @GetMapping
    SuccessBody<Freshness.Report> getFreshness() {
        if (PublicReads.admin()) {
            return new SuccessBody<>(freshness.report());
        }
        return new SuccessBody<>(
                publicReads.read("freshness", () -> freshness.report().redacted()));
    }

    /**
     * A page of jobs.
     *
     * @param limit page size
     * @param offset rows skipped
     * @param total rows matching the filters
     * @param next the {@code before} value of the next page, or null on the last
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Pagination(int limit, int offset, long total, UUID next) {}

    /**
     * The jobs answer: {@code {"data": [...], "pagination": {...}}}.
     *
     * @param data the jobs, newest first
     * @param pagination where this page is
     */
    record JobsPage(List<RefreshJob> data, Pagination pagination) {}

    @GetMapping("/jobs")
    JobsPage listJobs(
            @RequestParam(defaultValue = "20")
                    @Min(value = 1, message = "must be a whole number 1-100")
                    @Max(value = 100, message = "must be a whole number 1-100")
                    int limit,
            @RequestParam(required = false)
                    @Min(value = 0, message = "must be a whole number 0-10000000")
                    @Max(value = 10_000_000, message = "must be a whole number 0-10000000")
                    Integer offset,
            @RequestParam(required = false) JobStatus status,
            @RequestParam(required = false) Trigger trigger,
            @RequestParam(required = false) UUID before) {
        if (before != null && offset != null) {
            throw new InvalidRequest("offset", "is not allowed together with before (keyset paging)");
        }
        int skipped = offset == null ? 0 : offset;
        boolean admin = PublicReads.admin();
        String question = "jobs " + status + " " + trigger + " " + limit + " " + skipped + " " + before;
        return publicReads.read(question, () -> {
            JobPages.Page page = before != null
                    ? pages.listBefore(status, trigger, limit, before)
                            .orElseThrow(() -> new InvalidRequest("before", "unknown job " + before))
                    : pages.list(status, trigger, limit, skipped);
            List<RefreshJob> shown = admin
                    ? page.jobs()
                    : page.jobs().stream().map(RefreshJob::redacted).toList();
            return new JobsPage(shown, new Pagination(limit, skipped, page.total(), page.next()));
        });
    }

    @GetMapping("/jobs/{jobId}")
    SuccessBody<RefreshJob> getJob(@PathVariable UUID jobId) {
        boolean admin = PublicReads.admin();
        RefreshJob job = publicReads.read(
                "job " + jobId,
                () -> jobs.find(jobId)
                        .map(found -> admin ? found : found.redacted())
                        .orElseThrow(() -> new NotFound("Job " + jobId + " not found")));
        return new SuccessBody<>(job);
    }

    @ExceptionHandler(RefreshService.ServiceStopping.class)
    ResponseEntity<ApiError> stopping(RefreshService.ServiceStopping e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(RefreshService.RefreshUnavailable.class)
    ResponseEntity<ApiError> unavailable(RefreshService.RefreshUnavailable e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiError.of(e.getMessage()));
    }
}
