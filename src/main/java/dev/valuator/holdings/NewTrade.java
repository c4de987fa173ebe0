package dev.valuator.holdings;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A validated trade about to be recorded.
 *
 * @param row where it came from, for error messages ({@code trades[3]} or {@code row 4})
 * @param symbol ticker as Polygon writes it
 * @param tradeDate New York trading date
 * @param side BUY or SELL
 * @param quantity shares, > 0
 * @param price per share, > 0
 * @param fees total fees, >= 0
 * @param externalId the caller's id making re-posts no-ops, or null
 */
public record NewTrade(
        String row,
        String symbol,
        LocalDate tradeDate,
        Side side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fees,
        String externalId) {}
