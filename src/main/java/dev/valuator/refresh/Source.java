package dev.valuator.refresh;

/** Which caller started a run; the external cron and the built-in timer are both {@link Trigger#SCHEDULED}. */
public enum Source {
    CRON_HTTP(Trigger.SCHEDULED),
    TIMER(Trigger.SCHEDULED),
    MANUAL_HTTP(Trigger.MANUAL),
    CLI(Trigger.SCHEDULED);

    private final Trigger trigger;

    Source(Trigger trigger) {
        this.trigger = trigger;
    }

    public Trigger trigger() {
        return trigger;
    }
}
