package dev.valuator.marketdata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the price phase of one run must cover.
 *
 * @param accountId one account's symbols, or null for every account's
 * @param symbols only these symbols (already validated), or null for all in scope
 * @param from first trading date, honoured however old; or null: from the first trade in scope (not
 *     before {@code earliest})
 * @param to last trading date, or null: the latest session whose data should exist
 * @param earliest the oldest date a run without {@code from} reaches (today minus {@code VALUATION_MAX_BACKFILL_DAYS})
 * @param maxCalls provider calls this run may make in all ({@code VALUATION_REFRESH_MAX_CALLS}), or null
 * @param fetchDeadline no call starts that would not end before this (the run's deadline less the
 *     time its valuation needs), or null
 */
public record PriceRequest(
        String accountId,
        List<String> symbols,
        LocalDate from,
        LocalDate to,
        LocalDate earliest,
        Integer maxCalls,
        Instant fetchDeadline) {

    /** An unbudgeted request. */
    public PriceRequest(String accountId, List<String> symbols, LocalDate from, LocalDate to, LocalDate earliest) {
        this(accountId, symbols, from, to, earliest, null, null);
    }
}
