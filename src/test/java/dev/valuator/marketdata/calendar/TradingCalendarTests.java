package dev.valuator.marketdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ValuatorTest
class TradingCalendarTests extends RunningService {

    @Autowired
    TradingCalendar calendar;

    @Autowired
    MarketClosures closures;

    @BeforeEach
    void reset() {
        clock.set(Instant.parse("2026-06-01T12:00:00Z"));
        calendar.reload();
    }

    @Test
    void aRunsCalendarReadsTheClosuresOnceAndSharesWhatTheRunProves() {
        LocalDate wednesday = LocalDate.of(2026, 6, 3);
        LocalDate thursday = LocalDate.of(2026, 6, 4);
        TradingCalendar run = calendar.forRun();
        // recorded behind the run's back (and the shared cache re-read): the run goes on with what it read
        closures.recordEvidence(JdbcClient.create(jdbc.getDataSource()), wednesday, "elsewhere", clock.instant());
        calendar.reload();
        assertThat(calendar.isTradingDay(wednesday)).isFalse();
        assertThat(run.isTradingDay(wednesday)).isTrue();

        // what the run proves, it knows at once, and so does the shared calendar, without a read
        run.closedOn(thursday);

        assertThat(run.isTradingDay(thursday)).isFalse();
        assertThat(run.nextTradingDay(wednesday)).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(calendar.isTradingDay(thursday)).isFalse();
        jdbc.update("DELETE FROM market_closures WHERE closure_date = ?", wednesday);
    }

    @Test
    void matchesTheNyseClosureTable2020To2027OnceTheEvidenceIsIn() {
        closures.recordEvidence(
                JdbcClient.create(jdbc.getDataSource()),
                NyseHolidaysTests.MOURNING_2025,
                "no bars in Polygon's grouped daily answer",
                clock.instant());
        calendar.reload();

        Set<LocalDate> closed = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.getYear() <= 2027; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && !calendar.isTradingDay(d)) {
                closed.add(d);
            }
            if (weekend) {
                assertThat(calendar.isTradingDay(d)).isFalse();
            }
        }
        assertThat(closed).containsExactlyElementsOf(NyseHolidaysTests.NYSE_CLOSURES_2020_2027);
        assertThat(calendar.isTradingDay(LocalDate.of(2027, 12, 31))).isTrue();
    }

    @Test
    void navigatesAroundClosures() {
        assertThat(calendar.nextTradingDay(LocalDate.of(2026, 4, 2))).isEqualTo(LocalDate.of(2026, 4, 6));
        assertThat(calendar.previousTradingDay(LocalDate.of(2026, 1, 20))).isEqualTo(LocalDate.of(2026, 1, 16));
        assertThat(calendar.tradingDaysBetween(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)))
                .containsExactly(
                        LocalDate.of(2026, 12, 24),
                        LocalDate.of(2026, 12, 28),
                        LocalDate.of(2026, 12, 29),
                        LocalDate.of(2026, 12, 30),
                        LocalDate.of(2026, 12, 31));
    }

    @Test
    void theLatestClosedSessionWaitsForTheDataDelay() {
        // Tuesday 2026-01-06, 16:10 New York (21:10Z): closed, but its bars are not due until 16:15
        assertThat(calendar.latestClosedSession(Instant.parse("2026-01-06T21:10:00Z")))
                .isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(calendar.latestClosedSession(Instant.parse("2026-01-06T21:15:00Z")))
                .isEqualTo(LocalDate.of(2026, 1, 6));
        // Monday after Good Friday, morning: Thursday's session
        assertThat(calendar.latestClosedSession(Instant.parse("2026-04-06T14:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(calendar.sessionClose(LocalDate.of(2026, 7, 1))).isEqualTo(Instant.parse("2026-07-01T20:00:00Z"));
        // Tuesday 2026-01-06 closed at 16:00 New York (21:00 UTC): its bars settle 4 hours later
        assertThat(calendar.isFinal(LocalDate.of(2026, 1, 6), Instant.parse("2026-01-07T00:59:59Z")))
                .isFalse();
        assertThat(calendar.isFinal(LocalDate.of(2026, 1, 6), Instant.parse("2026-01-07T01:00:00Z")))
                .isTrue();
        // an empty answer proves a closure only after the next session (Wednesday) has closed
        assertThat(calendar.closureEvident(LocalDate.of(2026, 1, 6), Instant.parse("2026-01-07T20:59:59Z")))
                .isFalse();
        assertThat(calendar.closureEvident(LocalDate.of(2026, 1, 6), Instant.parse("2026-01-07T21:00:00Z")))
                .isTrue();
    }
}
