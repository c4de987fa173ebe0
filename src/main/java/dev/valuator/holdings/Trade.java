package dev.valuator.holdings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded trade.
 *
 * @param tradeId server-assigned id (for DELETE)
 * @param symbol ticker
 * @param tradeDate New York trading date
 * @param side BUY or SELL
 * @param quantity shares
 * @param price per share
 * @param fees total fees
 * @param externalId the caller's id, or null
 * @param createdAt when it was recorded
 */
public record Trade(
        long tradeId,
        String symbol,
        LocalDate tradeDate,
        Side side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fees,
        String externalId,
        Instant createdAt) {}
