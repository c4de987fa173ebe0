package dev.valuator.refresh.jobs;

/** The state of a job row. */
public enum JobStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED_CONFLICT
}
