package dev.valuator.holdings;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A recorded trade; in JSON its terms stand next to its id, as one object.
 *
 * @param tradeId server-assigned id (for DELETE)
 * @param terms what it says: symbol, tradeDate, side, quantity, price, fees, externalId (or null)
 * @param createdAt when it was recorded
 */
public record Trade(long tradeId, @JsonUnwrapped TradeTerms terms, Instant createdAt) {}
