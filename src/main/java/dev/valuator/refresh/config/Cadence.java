package dev.valuator.refresh.config;

import dev.valuator.marketdata.calendar.TradingCalendar;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The expected ticks of {@code VALUATION_SCHEDULE_CRON} in {@code VALUATION_SCHEDULE_ZONE},
 * without the NYSE's closed days when {@code VALUATION_SCHEDULE_TRADING_DAYS_ONLY}. Computed in
 * the cron's own zone, so a DST change never shifts them.
 */
@Component
public class Cadence {

    private static final int MAX_TICKS = 100_000;

    private final CronExpression cron;
    private final ScheduleProperties schedule;
    private final TradingCalendar calendar;

    Cadence(ScheduleProperties schedule, TradingCalendar calendar) {
        this.schedule = schedule;
        this.cron = CronExpression.parse(schedule.cron());
        this.calendar = calendar;
    }

    /** Whether a tick at this instant is one the schedule expects (its day is a trading day, if required). */
    public boolean expected(Instant tick) {
        return !schedule.tradingDaysOnly()
                || calendar.isTradingDay(tick.atZone(schedule.zone()).toLocalDate());
    }

    /** The first expected tick strictly after {@code after}, if any within a year. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime cursor = after.atZone(schedule.zone());
        ZonedDateTime limit = cursor.plusYears(1);
        while (true) {
            cursor = cron.next(cursor);
            if (cursor == null || cursor.isAfter(limit)) {
                return Optional.empty();
            }
            if (expected(cursor.toInstant())) {
                return Optional.of(cursor.toInstant());
            }
        }
    }

    /** Expected ticks in {@code (from, to]}, oldest first. */
    public List<Instant> between(Instant from, Instant to) {
        List<Instant> ticks = new ArrayList<>();
        ZonedDateTime cursor = from.atZone(schedule.zone());
        while (ticks.size() < MAX_TICKS) {
            cursor = cron.next(cursor);
            if (cursor == null || cursor.toInstant().isAfter(to)) {
                break;
            }
            if (expected(cursor.toInstant())) {
                ticks.add(cursor.toInstant());
            }
        }
        return ticks;
    }

    public ScheduleProperties schedule() {
        return schedule;
    }
}
