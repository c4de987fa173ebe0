package dev.valuator.prices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One unadjusted end-of-day bar as Polygon reports it.
 *
 * @param symbol the ticker, case as Polygon writes it
 * @param date the New York trading date
 * @param open opening price
 * @param high highest price
 * @param low lowest price
 * @param close closing price
 * @param volume traded volume (may be fractional)
 * @param vwap volume-weighted average price, or null when absent
 * @param transactions number of trades, or null when absent
 */
public record DailyBar(
        String symbol,
        LocalDate date,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal vwap,
        Long transactions) {}
