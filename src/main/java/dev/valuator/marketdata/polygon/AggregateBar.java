package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.prices.DailyBar;
import java.math.BigDecimal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bar of an aggregates answer (range of one ticker, grouped daily of every ticker) as Polygon
 * sends it: {@code T} only in grouped answers, {@code t} the day's start in epoch milliseconds.
 */
record AggregateBar(
        @JsonProperty("T") String ticker,
        @JsonProperty("o") BigDecimal open,
        @JsonProperty("h") BigDecimal high,
        @JsonProperty("l") BigDecimal low,
        @JsonProperty("c") BigDecimal close,
        @JsonProperty("v") BigDecimal volume,
        @JsonProperty("vw") BigDecimal vwap,
        @JsonProperty("t") Long timestamp,
        @JsonProperty("n") Long transactions) {

    private static final Logger log = LoggerFactory.getLogger(AggregateBar.class);

    /** The bar of {@code symbol} on its New York date; null (logged) when a price or the time is missing. */
    DailyBar toDailyBar(String symbol) {
        if (open == null || high == null || low == null || close == null || timestamp == null || close.signum() <= 0) {
            log.warn("Skipping an incomplete bar from Polygon for {}", symbol);
            return null;
        }
        return new DailyBar(
                symbol,
                Instant.ofEpochMilli(timestamp).atZone(TradingCalendar.NEW_YORK).toLocalDate(),
                open,
                high,
                low,
                close,
                volume == null ? BigDecimal.ZERO : volume,
                vwap,
                transactions);
    }

    /** A grouped answer's bar under its own ticker; null when it has none or is incomplete. */
    DailyBar toDailyBar() {
        return ticker == null || ticker.isEmpty() ? null : toDailyBar(ticker);
    }
}
