package dev.valuator.scheduling;

import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.refresh.RefreshOutcome;
import dev.valuator.refresh.RefreshService;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.config.ScheduleProperties;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The built-in timer: on each tick of {@code VALUATION_SCHEDULE_CRON} it asks
 * {@link RefreshService} for a SCHEDULED/TIMER run, unless the NYSE is closed that day. ShedLock
 * removes duplicate ticks across instances; the advisory lock inside the service still decides.
 */
@Component
@ConditionalOnProperty(name = "valuator.schedule.enabled", havingValue = "true", matchIfMissing = true)
class RefreshTimer {

    private static final Logger log = LoggerFactory.getLogger(RefreshTimer.class);
    static final String LOCK_NAME = "refresh-timer";

    private final RefreshService refresh;
    private final LockingTaskExecutor locks;
    private final TradingCalendar calendar;
    private final ScheduleProperties schedule;
    private final RefreshProperties properties;
    private final Clock clock;
    private final CronExpression cron;

    RefreshTimer(
            RefreshService refresh,
            LockingTaskExecutor locks,
            TradingCalendar calendar,
            ScheduleProperties schedule,
            RefreshProperties properties,
            Clock clock) {
        this.refresh = refresh;
        this.locks = locks;
        this.calendar = calendar;
        this.schedule = schedule;
        this.properties = properties;
        this.clock = clock;
        this.cron = CronExpression.parse(schedule.cron());
    }

    @Scheduled(cron = "${valuator.schedule.cron}", zone = "${valuator.schedule.zone}")
    void onSchedule() {
        tick();
    }

    /** One tick; returns whether this instance started a run for it. */
    boolean tick() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, schedule.zone());
        if (schedule.tradingDaysOnly() && !calendar.isTradingDay(today)) {
            log.debug("Timer tick skipped: the NYSE is closed on {}", today);
            return false;
        }
        LockConfiguration lock = new LockConfiguration(now, LOCK_NAME, lockAtMostFor(), lockAtLeastFor(now));
        try {
            LockingTaskExecutor.TaskResult<RefreshOutcome> result =
                    locks.executeWithLock(() -> refresh.run(RefreshRequest.EVERYTHING, Caller.TIMER), lock);
            if (!result.wasExecuted()) {
                log.debug("Timer tick skipped: another instance took this tick");
            }
            return result.wasExecuted();
        } catch (Throwable e) {
            log.error("Timer tick failed before a run could be recorded: {}", e.getMessage());
            return false;
        }
    }

    /**
     * 80% of the gap between ticks: an instance whose tick fires late (GC, a busy CPU) finds the
     * tick still taken, while the next tick — up to a fifth of the gap early by clock skew — is free.
     */
    Duration lockAtLeastFor(Instant now) {
        ZonedDateTime next = cron.next(now.atZone(schedule.zone()));
        ZonedDateTime after = next == null ? null : cron.next(next);
        if (after == null) {
            return Duration.ofSeconds(1);
        }
        Duration hold = Duration.between(next, after).multipliedBy(4).dividedBy(5);
        if (hold.compareTo(lockAtMostFor()) > 0) {
            return lockAtMostFor();
        }
        return hold.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : hold;
    }

    /** Above the longest a run may take, so a crashed instance's tick lock expires by itself. */
    Duration lockAtMostFor() {
        return properties.maxRuntime().plusMinutes(1);
    }
}
