package dev.valuator.refresh.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The refresh cadence: what the built-in timer fires on, and what the alert report expects even
 * when an external cron calls in instead.
 *
 * @param enabled whether the built-in timer runs ({@code VALUATION_SCHEDULER_ENABLED})
 * @param cron Spring 6-field cron ({@code VALUATION_SCHEDULE_CRON})
 * @param zone zone of that cron ({@code VALUATION_SCHEDULE_ZONE})
 * @param tradingDaysOnly ticks on NYSE closures are skipped and not expected ({@code VALUATION_SCHEDULE_TRADING_DAYS_ONLY})
 */
@Validated
@ConfigurationProperties("valuator.schedule")
public record ScheduleProperties(
        boolean enabled, @NotBlank String cron, @NotNull ZoneId zone, boolean tradingDaysOnly) {}
