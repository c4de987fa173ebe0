package dev.valuator.holdings;

/** Whether a trade adds to or removes from a position. */
public enum Side {
    BUY,
    SELL
}
