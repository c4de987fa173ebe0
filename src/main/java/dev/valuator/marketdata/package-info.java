/**
 * Market data: everything that talks to Polygon/Massive and decides what to ask it.
 *
 * <ul>
 *   <li>{@link dev.valuator.marketdata.PolygonClient} — the endpoints, built from one attempt
 *       ({@code PolygonAttempt}: one OkHttp client, statuses mapped to {@link
 *       dev.valuator.marketdata.PolygonFailure}), Resilience4j retries honouring {@code Retry-After}
 *       and a per-run outage breaker ({@code PolygonResilience}), {@code next_url} paging with a
 *       page cap and a repeat guard ({@code PolygonPager}), answers bound to records.
 *   <li>{@link dev.valuator.marketdata.Pacer} — process-wide pacing (Bucket4j) so no sliding
 *       minute holds more than {@code POLYGON_RATE_LIMIT_PER_MINUTE} calls.
 *   <li>{@link dev.valuator.marketdata.TradingCalendar} — NYSE sessions from rules, Polygon's
 *       upcoming closures and evidence.
 *   <li>{@link dev.valuator.marketdata.FetchPlanner} — the fewest calls covering the missing
 *       (symbol, date) cells: a minimum vertex cover (Hopcroft–Karp + König).
 *   <li>{@link dev.valuator.marketdata.PricePhase} — the price phase of a refresh run, the one
 *       entry point the refresh module calls.
 * </ul>
 *
 * Depends on {@code prices} (the store, the freshness row) and {@code system}; never on holdings,
 * refresh, valuation, scheduling or ops. The symbols in scope come through the
 * {@link dev.valuator.marketdata.TradedSymbols} port (implemented in refresh from the ledger).
 */
package dev.valuator.marketdata;
