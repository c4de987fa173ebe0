package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.valuator.marketdata.calendar.TradingCalendar;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One entry of the reference tickers answer ({@code v3/reference/tickers}) as Massive sends it:
 * the fields a stale symbol's inquiry needs.
 *
 * @param ticker the symbol
 * @param name the company's name
 * @param active whether the ticker trades now
 * @param compositeFigi the composite FIGI: the stable id ticker events are asked by
 * @param delistedUtc when it stopped trading (an ISO instant), for an inactive ticker
 */
public record ReferenceTicker(
        String ticker,
        String name,
        Boolean active,
        @JsonProperty("composite_figi") String compositeFigi,
        @JsonProperty("delisted_utc") String delistedUtc) {

    /** The New York date of {@code delisted_utc}; null when absent or unreadable. */
    public LocalDate delistedOn() {
        if (delistedUtc == null || delistedUtc.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(delistedUtc)
                    .atZoneSameInstant(TradingCalendar.NEW_YORK)
                    .toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(delistedUtc.substring(0, Math.min(10, delistedUtc.length())));
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
