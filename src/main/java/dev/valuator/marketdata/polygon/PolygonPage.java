package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of a paged Polygon answer (aggregates range, grouped daily, splits).
 *
 * @param status Polygon's status; null when absent (read as OK)
 * @param results the entries ({@link AggregateBar}, {@link SplitEntry}); null when Polygon sent none
 * @param nextUrl {@code next_url}: null or blank on the last page
 */
record PolygonPage<R>(
        String status,
        List<R> results,
        @JsonProperty("next_url") String nextUrl) implements PolygonAnswer {

    @Override
    public boolean empty() {
        return results == null || results.isEmpty();
    }
}
