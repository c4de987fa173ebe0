package dev.valuator.refresh.request;

/** Why a run happened, as the runbook reports it. */
public enum Trigger {
    MANUAL,
    SCHEDULED
}
