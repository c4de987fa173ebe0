package dev.valuator.refresh;

/** The state of a job row. */
public enum JobStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED_CONFLICT
}
