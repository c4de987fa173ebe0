package dev.valuator.marketdata.polygon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code next_url} from page to page, each page one resilient call: at most {@code
 * maxPages} pages, never a page twice, never off the configured host.
 */
public final class PolygonPager {

    private static final Logger log = LoggerFactory.getLogger(PolygonPager.class);

    private final HttpUrl base;
    private final int maxPages;
    private final PolygonAttempt attempt;
    private final PolygonResilience resilience;
    private final PolygonMeters meters;

    PolygonPager(
            PolygonProperties properties, PolygonAttempt attempt, PolygonResilience resilience, PolygonMeters meters) {
        this.base = HttpUrl.get(properties.baseUrl());
        this.maxPages = properties.maxPages();
        this.attempt = attempt;
        this.resilience = resilience;
        this.meters = meters;
    }

    /** The results of every page from {@code first} on; empty when Polygon has no data. */
    <R> List<R> results(HttpUrl first, String endpoint, Class<R> entry, PolygonSession calls) {
        List<R> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int pages = 0;
        HttpUrl url = first;
        while (url != null) {
            if (pages >= maxPages) {
                // a part of an answer is no answer: stored, it would pass for the whole
                meters.count(endpoint, "page_cap");
                throw new PolygonFailure.Unavailable(
                        "Polygon's answer runs past " + maxPages
                                + " pages (valuator.polygon.max-pages); not used in part",
                        null);
            }
            if (!seen.add(url.toString())) {
                log.warn("Polygon {}: next_url repeats an earlier page; stopped following it", endpoint);
                break;
            }
            HttpUrl current = url;
            PolygonPage<R> page = resilience.call(() -> attempt.page(current, endpoint, entry, calls), calls);
            if (page == null) {
                break;
            }
            pages++;
            if (page.results() != null) {
                results.addAll(page.results());
            }
            url = nextUrl(page, endpoint);
        }
        return results;
    }

    private HttpUrl nextUrl(PolygonPage<?> page, String endpoint) {
        String next = page.nextUrl();
        if (next == null || next.isBlank()) {
            return null;
        }
        HttpUrl url = HttpUrl.parse(next);
        if (url == null
                || !url.scheme().equals(base.scheme())
                || !url.host().equalsIgnoreCase(base.host())
                || url.port() != base.port()) {
            meters.count(endpoint, "malformed");
            throw new PolygonFailure.Unavailable(
                    "Polygon returned a malformed next_url (an address on another host)", null);
        }
        return url;
    }
}
