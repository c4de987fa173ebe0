package dev.valuator.refresh.run;

import dev.valuator.refresh.config.RefreshProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** {@code VALUATION_REFRESH_MAX_RUNTIME}: whether a run is past its deadline, and the error that stops it. */
@Component
class RunDeadlines {

    private final RefreshProperties properties;
    private final Clock clock;

    RunDeadlines(RefreshProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Why the run must stop now, or null while it is within its deadline. */
    String exceeded(LockedRun run) {
        return clock.instant().isAfter(run.deadline())
                ? "stopped: exceeded VALUATION_REFRESH_MAX_RUNTIME (" + properties.maxRuntime() + ")"
                : null;
    }
}
