package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * The ticker events answer ({@code vX/reference/tickers/{id}/events}): one entity's timeline of
 * ticker changes, {@code {"results": {"name", "composite_figi", "events": [{"type": "ticker_change",
 * "date", "ticker_change": {"ticker"}}]}, "status", "request_id"}}.
 */
public record TickerEventsAnswer(String status, Results results) implements PolygonAnswer {

    @Override
    public boolean empty() {
        return results == null || results.events() == null || results.events().isEmpty();
    }

    /** The ticker changes, each the ticker the entity took on a date; unreadable entries dropped. */
    public List<TickerChange> changes() {
        if (empty()) {
            return List.of();
        }
        return results.events().stream()
                .filter(Objects::nonNull)
                .filter(e -> "ticker_change".equals(e.type()) && e.tickerChange() != null)
                .map(Event::toChange)
                .filter(Objects::nonNull)
                .toList();
    }

    record Results(
            String name, @JsonProperty("composite_figi") String compositeFigi, List<Event> events) {}

    record Event(
            String type,
            String date,
            @JsonProperty("ticker_change") Change tickerChange) {

        TickerChange toChange() {
            if (tickerChange.ticker() == null || tickerChange.ticker().isBlank()) {
                return null;
            }
            try {
                return new TickerChange(tickerChange.ticker(), LocalDate.parse(date == null ? "" : date));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    record Change(String ticker) {}

    /**
     * From {@code date} on the entity trades as {@code ticker}.
     *
     * @param ticker the ticker taken
     * @param date the first session under it
     */
    public record TickerChange(String ticker, LocalDate date) {}
}
