package dev.valuator.refresh;

/** Why a run happened, as the runbook reports it. */
public enum Trigger {
    MANUAL,
    SCHEDULED
}
