package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.valuator.marketdata.calendar.UpcomingClosure;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The market-status answer ({@code v1/marketstatus/upcoming}): a bare array of closures and early closes. */
record UpcomingAnswer(List<Entry> entries) implements PolygonAnswer {

    private static final Logger log = LoggerFactory.getLogger(UpcomingAnswer.class);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UpcomingAnswer of(List<Entry> entries) {
        return new UpcomingAnswer(entries == null ? List.of() : entries);
    }

    /** A bare array has no status: it is an answer. */
    @Override
    public String status() {
        return null;
    }

    /** Counted as "ok" however short the list, as Polygon answers an empty array when nothing is upcoming. */
    @Override
    public boolean empty() {
        return false;
    }

    /** One exchange's closure or early close on one date. */
    record Entry(String exchange, String name, String date, String status) {

        /** The closure; null (logged) when its date is unreadable. */
        UpcomingClosure toClosure() {
            try {
                return new UpcomingClosure(
                        exchange == null ? "" : exchange,
                        name == null ? "" : name,
                        LocalDate.parse(date == null ? "" : date),
                        "early-close".equals(status));
            } catch (DateTimeParseException e) {
                log.warn("Skipping an upcoming-closure entry from Polygon with an unreadable date");
                return null;
            }
        }
    }
}
