package dev.valuator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The timer's decisions with a settable clock (its cron never fires during the test). */
@ValuatorTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"VALUATION_SCHEDULER_ENABLED=true", "VALUATION_SCHEDULE_CRON=0 0 0 1 1 *"})
class RefreshTimerTests extends RunningService {

    @Autowired
    RefreshTimer timer;

    @BeforeEach
    void setUp() {
        PolygonStandIn.quietMarket(clock);
    }

    long timerRows() {
        return jdbc.queryForObject("SELECT count(*) FROM refresh_jobs WHERE source = 'TIMER'", Long.class);
    }

    @Test
    void aTickOnATradingDayRecordsATimerRun() {
        clock.set(Instant.parse("2026-03-03T15:00:00Z"));
        assertThat(timer.tick()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT trigger || '/' || source || '/' || status FROM refresh_jobs", String.class))
                .isEqualTo("SCHEDULED/TIMER/SUCCEEDED");
    }

    @Test
    void ticksOnClosedDaysAreSkipped() {
        clock.set(Instant.parse("2026-03-07T15:00:00Z")); // Saturday
        assertThat(timer.tick()).isFalse();
        clock.set(Instant.parse("2026-11-26T15:00:00Z")); // Thanksgiving
        assertThat(timer.tick()).isFalse();
        clock.set(Instant.parse("2025-01-09T15:00:00Z")); // national day of mourning (unscheduled)
        jdbc.update("""
                INSERT INTO market_closures (closure_date, status, reason, source, recorded_at)
                VALUES ('2025-01-09', 'CLOSED', 'National Day of Mourning', 'EVIDENCE', now())""");
        assertThat(timer.tick()).isFalse();
        assertThat(timerRows()).isZero();
    }

    @Test
    void aSecondTickWithinTheLockWindowIsDeduplicated() {
        clock.set(Instant.parse("2026-03-03T15:00:00Z"));
        assertThat(timer.tick()).isTrue();
        assertThat(timer.tick())
                .as("ShedLock holds the tick for lockAtLeastFor")
                .isFalse();
        assertThat(timerRows()).isEqualTo(1);
    }

    @Test
    void lockAtLeastForIsMostOfTheTickInterval() {
        // the test cron ticks yearly; 80% of a year is capped at lockAtMostFor (max runtime + 1 min)
        assertThat(timer.lockAtLeastFor(Instant.parse("2026-03-03T15:00:00Z"))).isEqualTo(Duration.ofMinutes(31));
        assertThat(timer.lockAtMostFor()).isEqualTo(Duration.ofMinutes(31));
    }
}
