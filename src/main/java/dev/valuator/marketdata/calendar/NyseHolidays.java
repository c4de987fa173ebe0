package dev.valuator.marketdata.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NYSE's full-day holidays by rule (NYSE Rule 7.2): a holiday on a Saturday is observed the
 * Friday before, on a Sunday the Monday after, except that New Year's Day on a Saturday is not
 * observed at all (the exchange does not close on the last trading day of a year). Unscheduled
 * closures (a national day of mourning) are not rules: they come from Polygon or from evidence.
 */
public final class NyseHolidays {

    private static final Map<Integer, Map<LocalDate, String>> BY_YEAR = new ConcurrentHashMap<>();

    private NyseHolidays() {}

    /** The rule holiday observed on this date, or null. */
    public static String holidayOn(LocalDate date) {
        return of(date.getYear()).get(date);
    }

    /** Every observed rule holiday of a year, by date. */
    public static Map<LocalDate, String> of(int year) {
        return BY_YEAR.computeIfAbsent(year, NyseHolidays::compute);
    }

    private static Map<LocalDate, String> compute(int year) {
        Map<LocalDate, String> days = new TreeMap<>();
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            days.put(observed(newYear), "New Year's Day");
        }
        days.put(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3), "Martin Luther King Jr. Day");
        days.put(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3), "Washington's Birthday");
        days.put(easterSunday(year).minusDays(2), "Good Friday");
        days.put(
                LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                "Memorial Day");
        if (year >= 2022) {
            days.put(observed(LocalDate.of(year, Month.JUNE, 19)), "Juneteenth National Independence Day");
        }
        days.put(observed(LocalDate.of(year, Month.JULY, 4)), "Independence Day");
        days.put(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1), "Labor Day");
        days.put(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4), "Thanksgiving Day");
        days.put(observed(LocalDate.of(year, Month.DECEMBER, 25)), "Christmas Day");
        return Map.copyOf(days);
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
