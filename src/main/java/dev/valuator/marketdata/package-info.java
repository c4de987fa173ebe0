/**
 * Market data: everything that talks to Polygon/Massive and decides what to ask it. This package
 * is the price phase of a refresh run ({@link dev.valuator.marketdata.PricePhase}, the one entry
 * point the refresh module calls: scope, budget, fetch, summary); below it, one layer each:
 *
 * <ul>
 *   <li>{@code splits} — split events from the provider, for the phase and for a trade import
 *       ({@code ImportSplits} answers holdings' {@code SplitSource} port).
 *   <li>{@code plan} — the fewest calls covering the missing (symbol, date) cells ({@code
 *       FetchPlanner}: a minimum vertex cover, Hopcroft–Karp + König) and the coverage earlier
 *       calls left.
 *   <li>{@code polygon} — the endpoints ({@code PolygonClient}), one attempt per call ({@code
 *       PolygonAttempt}: statuses mapped to {@code PolygonFailure}), Resilience4j retries honouring
 *       {@code Retry-After} and a per-run outage breaker ({@code PolygonResilience}), {@code
 *       next_url} paging with a page cap and a repeat guard ({@code PolygonPager}), process-wide
 *       pacing ({@code Pacer}), answers bound to records.
 *   <li>{@code calendar} — NYSE sessions from rules ({@code NyseHolidays}), Polygon's upcoming
 *       closures and evidence ({@code MarketClosures}), the {@code TradingCalendar}.
 * </ul>
 *
 * Depends on {@code prices} (the store, the freshness row), {@code holdings} (the ledger's symbols,
 * {@code Trades.firstTradeDates}) and {@code system}; never on refresh, valuation, scheduling or ops.
 */
package dev.valuator.marketdata;
