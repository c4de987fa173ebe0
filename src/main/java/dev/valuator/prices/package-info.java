/**
 * The price store: unadjusted daily bars ({@link dev.valuator.prices.Prices}), split events
 * ({@link dev.valuator.prices.SplitEvents}) and {@code GET /api/prices/{symbol}}. Knows nothing
 * about where bars come from.
 */
package dev.valuator.prices;
