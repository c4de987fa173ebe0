package dev.valuator.marketdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code price} object of a job row and refresh response (docs/api.md).
 *
 * @param plan GROUPED_DAILY, PER_SYMBOL, MIXED or NONE
 * @param symbolsRequested symbols in scope
 * @param symbolsFetched symbols for which every needed call succeeded
 * @param symbolsFailed symbols with a failure (listed in {@code failures})
 * @param barsUpserted daily bars inserted or changed
 * @param apiCalls Polygon HTTP calls made, pages and retries included
 * @param rateLimitedResponses 429 answers received
 * @param durationMs wall time of the price phase
 * @param failures one entry per failed symbol
 * @param remaining what a budgeted run left for the next one, or null when nothing is left
 */
public record PriceSummary(
        String plan,
        int symbolsRequested,
        int symbolsFetched,
        int symbolsFailed,
        long barsUpserted,
        int apiCalls,
        int rateLimitedResponses,
        long durationMs,
        List<SymbolFailure> failures,
        @JsonInclude(JsonInclude.Include.NON_NULL) Remaining remaining) {

    /**
     * The work a budgeted run stopped short of; the next run goes on from there.
     *
     * @param calls provider calls still planned
     * @param dates trading dates still missing bars
     * @param symbols symbols still missing bars
     * @param estimatedMinutes those calls at the configured pacing (or the measured call time)
     * @param pricesCompleteThrough the last date before the first missing bar: valuations go this far
     */
    public record Remaining(
            int calls, int dates, int symbols, long estimatedMinutes, LocalDate pricesCompleteThrough) {}

    public static PriceSummary none(int symbolsRequested, long durationMs) {
        return new PriceSummary("NONE", symbolsRequested, 0, 0, 0, 0, 0, durationMs, List.of(), null);
    }

    /**
     * One symbol the price phase could not fetch.
     *
     * @param symbol the ticker
     * @param error why, in words a person can act on
     */
    public record SymbolFailure(String symbol, String error) {}
}
