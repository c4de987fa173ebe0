package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.valuator.prices.SplitEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One entry of the splits answer ({@code stocks/v1/splits}) as Polygon sends it. */
record SplitEntry(
        String ticker,
        @JsonProperty("execution_date") String executionDate,
        @JsonProperty("split_from") BigDecimal splitFrom,
        @JsonProperty("split_to") BigDecimal splitTo,
        String id) {

    private static final Logger log = LoggerFactory.getLogger(SplitEntry.class);

    /** The split event; null (logged) when its date, ticker or ratio is unusable. */
    SplitEvent toSplitEvent() {
        String symbol = ticker == null ? "" : ticker;
        LocalDate date;
        try {
            date = LocalDate.parse(executionDate == null ? "" : executionDate);
        } catch (DateTimeParseException e) {
            log.warn("Skipping a split entry from Polygon with an unreadable execution_date");
            return null;
        }
        if (symbol.isEmpty()
                || splitFrom == null
                || splitTo == null
                || splitFrom.signum() <= 0
                || splitTo.signum() <= 0) {
            log.warn("Skipping an unusable split entry from Polygon for {}", symbol);
            return null;
        }
        return new SplitEvent(symbol, date, splitFrom, splitTo, id);
    }
}
