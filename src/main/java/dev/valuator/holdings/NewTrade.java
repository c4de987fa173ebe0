package dev.valuator.holdings;

/**
 * A validated trade about to be recorded.
 *
 * @param row where it came from, for error messages ({@code trades[3]} or {@code row 4})
 * @param terms what it says
 */
public record NewTrade(String row, TradeTerms terms) {}
