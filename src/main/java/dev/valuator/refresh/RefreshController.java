package dev.valuator.refresh;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.system.ApiError;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private final Freshness freshness;

    RefreshController(RefreshService refresh, RefreshJobs jobs, Freshness freshness) {
        this.refresh = refresh;
        this.jobs = jobs;
        this.freshness = freshness;
    }

    /** External cron; the secret was checked by the security chain. */
    @PostMapping("/scheduled")
    ResponseEntity<Object> scheduled(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(body, Source.CRON_HTTP, prefer);
    }

    /** Vercel Cron calls with GET and {@code Authorization: Bearer <secret>}: the same run, no body. */
    @GetMapping("/scheduled")
    ResponseEntity<Object> scheduledByGet(@RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(null, Source.CRON_HTTP, prefer);
    }

    /** Manual run; the admin token was checked by the security chain. */
    @PostMapping
    ResponseEntity<Object> manual(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        return respond(body, Source.MANUAL_HTTP, prefer);
    }

    private ResponseEntity<Object> respond(RefreshRequest body, Source source, String prefer) {
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
                        .body(Map.of("data", Map.of("jobId", started.jobId(), "status", JobStatus.RUNNING)));
        };
    }

    private static Map<String, Object> conflictData(RefreshOutcome.Conflict conflict) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", conflict.skippedJobId());
        data.put("status", JobStatus.SKIPPED_CONFLICT);
        data.put("runningJobId", conflict.runningJobId());
        return data;
    }

    private static ResponseEntity<Object> finished(RefreshJob job) {
        RunResult result = new RunResult(job.jobId(), job.status(), job.price(), job.valuation(), job.error());
        if (job.status() == JobStatus.SUCCEEDED) {
            return ResponseEntity.ok(Map.of("data", result));
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
    Map<String, Object> freshness() {
        return Map.of("data", freshness.report());
    }

    @GetMapping("/jobs")
    Map<String, Object> list(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String trigger,
            @RequestParam(required = false) String before) {
        int pageSize = integer("limit", limit, 20, 1, 100);
        int skip = integer("offset", offset, 0, 0, 10_000_000);
        JobStatus statusFilter = enumValue("status", status, JobStatus.class);
        Trigger triggerFilter = enumValue("trigger", trigger, Trigger.class);
        RefreshJobs.Page page;
        if (before != null) {
            if (offset != null) {
                throw new InvalidRequest("offset", "is not allowed together with before (keyset paging)");
            }
            UUID cursor = uuid("before", before);
            page = jobs.listBefore(statusFilter, triggerFilter, pageSize, cursor)
                    .orElseThrow(() -> new InvalidRequest("before", "unknown job " + cursor));
        } else {
            page = jobs.list(statusFilter, triggerFilter, pageSize, skip);
        }
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", pageSize);
        pagination.put("offset", skip);
        pagination.put("total", page.total());
        pagination.put("next", page.next());
        return Map.of("data", page.jobs(), "pagination", pagination);
    }

    private static UUID uuid(String field, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "must be a UUID");
        }
    }

    @GetMapping("/jobs/{jobId}")
    Map<String, RefreshJob> one(@PathVariable String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
            if (!id.toString().equalsIgnoreCase(jobId)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("jobId", "must be a UUID");
        }
        return Map.of("data", jobs.find(id).orElseThrow(() -> new NotFound("Job " + id + " not found")));
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

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidRequest(name, "must be a whole number " + min + "-" + max);
        }
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(
                    name,
                    "must be one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).replace(", ", "|"));
        }
    }
}
