package dev.valuator.refresh.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How refresh runs are guarded and bounded.
 *
 * @param lockId the advisory-lock key guarding runs ({@code VALUATION_REFRESH_LOCK_ID})
 * @param maxBackfillDays how far back a run without {@code from} reaches ({@code VALUATION_MAX_BACKFILL_DAYS})
 * @param maxRuntime a run past this stops at its next safe point ({@code VALUATION_REFRESH_MAX_RUNTIME})
 * @param jobRetentionDays job rows older than this are deleted daily ({@code VALUATION_JOB_RETENTION_DAYS})
 * @param heartbeatUrl optional Healthchecks.io-style URL pinged after each run ({@code VALUATION_HEARTBEAT_URL})
 * @param maxCalls optional cap on provider calls per run ({@code VALUATION_REFRESH_MAX_CALLS}); null = none
 */
@Validated
@ConfigurationProperties("valuator.refresh")
public record RefreshProperties(
        long lockId,
        @Min(1) int maxBackfillDays,
        @NotNull Duration maxRuntime,
        @Min(1) int jobRetentionDays,
        String heartbeatUrl,
        @Min(1) Integer maxCalls) {

    /** Runs count dates as New York trading dates. */
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Today in New York. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), NEW_YORK);
    }

    /** The earliest date a run values or fetches: {@code VALUATION_MAX_BACKFILL_DAYS} before today. */
    public LocalDate earliest(Clock clock) {
        return today(clock).minusDays(maxBackfillDays);
    }

    public boolean heartbeatConfigured() {
        return heartbeatUrl != null && !heartbeatUrl.isBlank();
    }

    @Override
    public String toString() {
        return "RefreshProperties[lockId=" + lockId
                + ", maxBackfillDays=" + maxBackfillDays + ", maxRuntime=" + maxRuntime + ", jobRetentionDays="
                + jobRetentionDays + ", heartbeatUrl=" + (heartbeatConfigured() ? "***" : "unset") + ", maxCalls="
                + maxCalls + "]";
    }
}
