package dev.valuator.prices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What happened to a symbol besides a split (docs/valuation.md "Corporate actions"): from {@code
 * date} on, each share of {@code symbol} is {@code ratio} shares of {@code newSymbol} (a ticker
 * change has ratio 1; a stock merger may also pay {@code cashPerShare} as income), or every share
 * leaves the account at {@code cashPerShare} (a cash-out, no new symbol).
 *
 * @param actionId the stored action's id
 * @param type what happened
 * @param symbol the symbol before
 * @param newSymbol the symbol after (null for a cash-out)
 * @param date the first trading date under the new terms
 * @param ratio new shares per old share (1 for a ticker change and a cash-out)
 * @param cashPerShare merger cash per old share, or the cash-out price (0 when none)
 * @param source MANUAL (recorded by hand) or PROVIDER (learned from the provider)
 * @param recordedAt when it was recorded
 */
public record CorporateAction(
        long actionId,
        Type type,
        String symbol,
        String newSymbol,
        LocalDate date,
        BigDecimal ratio,
        BigDecimal cashPerShare,
        Source source,
        Instant recordedAt) {

    /** The kinds of action the engine applies. */
    public enum Type {
        TICKER_CHANGE,
        STOCK_MERGER,
        CASH_OUT
    }

    /** Who recorded an action. */
    public enum Source {
        MANUAL,
        PROVIDER
    }
}
