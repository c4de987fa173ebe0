package dev.valuator.holdings;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a trade says, whether it is about to be recorded ({@link NewTrade}) or is recorded ({@link
 * Trade}).
 *
 * @param symbol ticker as Polygon writes it
 * @param tradeDate New York trading date
 * @param side BUY or SELL
 * @param quantity shares, > 0
 * @param price per share, > 0
 * @param fees total fees, >= 0
 * @param externalId the caller's id making re-posts no-ops, or null
 */
public record TradeTerms(
        String symbol,
        LocalDate tradeDate,
        Side side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fees,
        String externalId) {}
