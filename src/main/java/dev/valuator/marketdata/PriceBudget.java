package dev.valuator.marketdata;

import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.plan.FetchSequence;
import dev.valuator.marketdata.polygon.Pacer;
import dev.valuator.system.RunContext;
import dev.valuator.system.RunProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * A run's call budget (its call cap and fetch deadline), what one more call costs, and how far
 * the plan got, reported to the run and, when the budget stops it, left for the next run.
 */
final class PriceBudget {

    private final Pacer pacer;
    private final Clock clock;

    PriceBudget(Pacer pacer, Clock clock) {
        this.pacer = pacer;
        this.clock = clock;
    }

    /** Whether the next call fits the run's call cap and ends before its fetch deadline. */
    boolean allowsAnother(PriceRequest request, PriceProgress progress) {
        if (request.maxCalls() != null && progress.calls.calls() + 1 > request.maxCalls()) {
            return false;
        }
        return request.fetchDeadline() == null
                || !clock.instant().plus(perCall(progress)).isAfter(request.fetchDeadline());
    }

    /**
     * What the planned calls not made yet leave for the next run; null when none are left. Its
     * {@code pricesCompleteThrough} is the session before the first close still missing, whether
     * its call was not made or failed: it never names a date with a due close missing.
     */
    PriceSummary.Remaining remaining(FetchSequence planned, PriceProgress progress, TradingCalendar calendar) {
        FetchSequence.Missing left = planned.missing();
        if (left.calls() == 0) {
            return null;
        }
        LocalDate firstMissing = left.firstMissing();
        if (!progress.unfetchedDates().isEmpty()
                && (firstMissing == null || progress.unfetchedDates().first().isBefore(firstMissing))) {
            firstMissing = progress.unfetchedDates().first();
        }
        return new PriceSummary.Remaining(
                left.calls(),
                left.dates(),
                left.symbols(),
                (long) Math.ceil(perCall(progress).multipliedBy(left.calls()).toMillis() / 60_000.0),
                firstMissing == null ? null : calendar.previousTradingDay(firstMissing));
    }

    void report(RunContext run, PriceProgress progress, FetchSequence planned, boolean force) {
        FetchSequence.Missing left = planned.missing();
        run.progress(
                new RunProgress(
                        RunProgress.PRICES,
                        progress.calls.calls(),
                        Math.max(progress.callsPlanned, progress.calls.calls()),
                        left.dates(),
                        left.symbols(),
                        progress.barsUpserted,
                        perCall(progress).multipliedBy(left.calls()).toSeconds(),
                        clock.instant()),
                force);
    }

    /** What one more call costs: the pacing interval, or the calls' measured time when that is longer. */
    private Duration perCall(PriceProgress progress) {
        Duration spacing = pacer.spacing();
        int made = progress.calls.calls();
        if (made == 0) {
            return spacing;
        }
        Duration measured = Duration.ofMillis(Math.max(0, clock.millis() - progress.startedMillis) / made);
        return measured.compareTo(spacing) > 0 ? measured : spacing;
    }
}
