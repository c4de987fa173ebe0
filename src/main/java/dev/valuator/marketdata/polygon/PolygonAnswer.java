package dev.valuator.marketdata.polygon;

/** A Polygon answer decoded into its record: what one attempt needs to judge it. */
sealed interface PolygonAnswer permits PolygonPage, UpcomingAnswer, TickerEventsAnswer {

    /** Polygon's {@code status}; null when the answer has none (read as OK). */
    String status();

    /** Whether the answer carries no results (counted as "empty" rather than "ok"). */
    boolean empty();
}
