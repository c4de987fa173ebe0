package dev.valuator.marketdata.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * NYSE sessions: weekdays minus the rule holidays of {@link NyseHolidays}, minus full-day
 * closures recorded in {@code market_closures} (Polygon's upcoming list, and evidence such as
 * 2025-01-09). Early-close days are trading days that close at 13:00 New York.
 */
@Component
public class TradingCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime CLOSE = LocalTime.of(16, 0);
    static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    /**
     * How long after the close a session's end-of-day bars are expected to exist. Polygon
     * publishes daily aggregates shortly after the close; asking earlier only earns an empty
     * answer (treated as "not yet"), asking much later delays every valuation.
     */
    public static final Duration DATA_DELAY = Duration.ofMinutes(15);

    private static final Duration CACHE_TTL = Duration.ofMinutes(5);

    /** Where the recorded closures come from; null for a run's calendar, which holds its own. */
    private final MarketClosures closures;

    /** The shared calendar a run's calendar came from (and tells what the run proved); null for the shared one. */
    private final TradingCalendar shared;

    private final Clock clock;
    private volatile Map<LocalDate, Boolean> known;
    private volatile Instant loadedAt;

    @Autowired
    TradingCalendar(MarketClosures closures, Clock clock) {
        this.closures = closures;
        this.shared = null;
        this.clock = clock;
    }

    private TradingCalendar(TradingCalendar shared, Map<LocalDate, Boolean> known) {
        this.closures = null;
        this.shared = shared;
        this.clock = shared.clock;
        this.known = known;
    }

    /** Re-reads the recorded closures (after a run recorded new ones). */
    public void reload() {
        known = closures.all();
        loadedAt = clock.instant();
    }

    /**
     * The calendar of one run: the recorded closures read once, now (the shared cache takes the
     * same read), and never re-read behind the run's back. What the run proves it records with
     * {@link #closedOn}.
     */
    public TradingCalendar forRun() {
        reload();
        return new TradingCalendar(this, new TreeMap<>(known));
    }

    /**
     * A full-day closure the run just recorded (evidence): this run's calendar and the shared one
     * know it from now on without reading the closures again.
     */
    public void closedOn(LocalDate date) {
        Map<LocalDate, Boolean> updated = new TreeMap<>(closures());
        updated.put(date, false);
        known = updated;
        if (shared != null) {
            shared.closedOn(date);
        }
    }

    private Map<LocalDate, Boolean> closures() {
        if (closures == null) {
            return known;
        }
        Instant at = loadedAt;
        if (known == null
                || at == null
                || Duration.between(at, clock.instant()).abs().compareTo(CACHE_TTL) > 0) {
            reload();
        }
        return known;
    }

    public boolean isTradingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || NyseHolidays.holidayOn(date) != null) {
            return false;
        }
        return !Boolean.FALSE.equals(closures().get(date));
    }

    public boolean isEarlyClose(LocalDate date) {
        return Boolean.TRUE.equals(closures().get(date));
    }

    /** Trading days from {@code from} through {@code to}, ascending. */
    public List<LocalDate> tradingDaysBetween(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                days.add(d);
            }
        }
        return days;
    }

    /** The last trading day strictly before {@code date}. */
    public LocalDate previousTradingDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isTradingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The first trading day strictly after {@code date}. */
    public LocalDate nextTradingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isTradingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** When the session of a trading day closes: 16:00 New York, 13:00 on early-close days. */
    public Instant sessionClose(LocalDate date) {
        return date.atTime(isEarlyClose(date) ? EARLY_CLOSE : CLOSE)
                .atZone(NEW_YORK)
                .toInstant();
    }

    /** When a session's end-of-day bars should exist ({@link #DATA_DELAY} after its close). */
    public Instant dataReadyAt(LocalDate date) {
        return sessionClose(date).plus(DATA_DELAY);
    }

    /** The latest trading day whose bars should exist at {@code now}. */
    public LocalDate latestClosedSession(Instant now) {
        LocalDate d = now.atZone(NEW_YORK).toLocalDate();
        while (!isTradingDay(d) || now.isBefore(dataReadyAt(d))) {
            d = d.minusDays(1);
        }
        return d;
    }

    /**
     * Bars fetched this long after their session's close are settled: late prints and corrections
     * are in. Earlier fetches are provisional and asked for again by later runs, at most once more
     * in the usual cadence (the next morning's first run).
     */
    public static final Duration SETTLEMENT = Duration.ofHours(4);

    /** Whether a bar of {@code date} fetched at {@code fetchedAt} is final (never fetched again). */
    public boolean isFinal(LocalDate date, Instant fetchedAt) {
        return !fetchedAt.isBefore(sessionClose(date).plus(SETTLEMENT));
    }

    /**
     * Whether an empty grouped-daily answer for a weekday proves the market was closed: only once
     * the next session has closed too, so a late feed is never mistaken for a closure (which would
     * drop the day for good).
     */
    public boolean closureEvident(LocalDate date, Instant now) {
        return !now.isBefore(sessionClose(nextTradingDay(date)));
    }
}
