package dev.valuator.valuation;

import java.time.LocalDate;

/**
 * What the valuation phase of one run must cover.
 *
 * @param accountId one account, or null for all
 * @param from first date to recompute, or null: per account, the earliest of the day after its
 *     last snapshot and its stale-from date (never before {@code earliest})
 * @param to last date, or null: the latest price date
 * @param earliest the oldest date any run may reach (today minus {@code VALUATION_MAX_BACKFILL_DAYS})
 */
public record ValuationRequest(String accountId, LocalDate from, LocalDate to, LocalDate earliest) {}
