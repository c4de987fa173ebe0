package dev.valuator.corporateactions;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The body of {@code POST /api/corporate-actions}.
 *
 * @param type TICKER_CHANGE, STOCK_MERGER or CASH_OUT
 * @param symbol the symbol before
 * @param newSymbol the symbol after (TICKER_CHANGE, STOCK_MERGER)
 * @param date the first trading date under the new terms (New York), not in the future
 * @param ratio new shares per old share (STOCK_MERGER, required, &gt; 0)
 * @param cashPerShare cash per old share: paid as income (STOCK_MERGER, optional), or the price
 *     every share leaves at (CASH_OUT, required)
 */
public record CorporateActionRequest(
        String type, String symbol, String newSymbol, LocalDate date, BigDecimal ratio, BigDecimal cashPerShare) {}
