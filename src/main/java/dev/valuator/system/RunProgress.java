package dev.valuator.system;

import java.time.Instant;

/**
 * How far a running refresh has got, as its job row shows it to every instance.
 *
 * @param phase PRICES or VALUATION
 * @param callsDone provider calls made so far (pages and retries included)
 * @param callsPlanned provider calls this run expects to make in all
 * @param datesMissing trading dates still without the bars the valuations need
 * @param symbolsMissing symbols still without the bars the valuations need
 * @param barsUpserted bars stored so far
 * @param etaSeconds estimated seconds to the end of the phase, from the pacing and the measured call times; null when unknown
 * @param updatedAt when these figures were taken
 */
public record RunProgress(
        String phase,
        int callsDone,
        int callsPlanned,
        int datesMissing,
        int symbolsMissing,
        long barsUpserted,
        Long etaSeconds,
        Instant updatedAt) {

    public static final String PRICES = "PRICES";
    public static final String VALUATION = "VALUATION";

    /** The figures of a run that has just started: nothing done, nothing planned yet. */
    public static RunProgress starting(Instant at) {
        return new RunProgress(PRICES, 0, 0, 0, 0, 0, null, at);
    }
}
