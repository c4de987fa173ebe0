package dev.valuator.refresh.request;

/**
 * Which caller started a run; the external cron and the built-in timer are both {@link
 * Trigger#SCHEDULED}. {@link #IMPORT} is the valuation of one account within its trade import.
 */
public enum Caller {
    CRON_HTTP(Trigger.SCHEDULED),
    TIMER(Trigger.SCHEDULED),
    MANUAL_HTTP(Trigger.MANUAL),
    CLI(Trigger.SCHEDULED),
    IMPORT(Trigger.MANUAL);

    private final Trigger trigger;

    Caller(Trigger trigger) {
        this.trigger = trigger;
    }

    public Trigger trigger() {
        return trigger;
    }
}
