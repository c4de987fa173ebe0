package dev.valuator.marketdata.polygon;

import dev.valuator.marketdata.calendar.UpcomingClosure;
import dev.valuator.prices.DailyBar;
import dev.valuator.prices.Dividend;
import dev.valuator.prices.SplitEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way to Polygon/Massive: what each endpoint is asked and what its answer becomes. One
 * attempt is {@link PolygonAttempt} (paced, statuses mapped to {@link PolygonFailure}), retries and
 * the run's outage breaker are {@link PolygonResilience}, pages are {@link PolygonPager}, answers
 * are decoded into their records ({@link PolygonPage} of {@link AggregateBar} or {@link
 * SplitEntry} or {@link DividendEntry}, {@link UpcomingAnswer}). The key travels only in the {@code Authorization} header, never in a URL, log
 * line or message.
 */
@Component
public class PolygonClient {

    private static final Logger log = LoggerFactory.getLogger(PolygonClient.class);

    private final HttpUrl base;
    private final PolygonAttempt attempt;
    private final PolygonResilience resilience;
    private final PolygonPager pager;

    public PolygonClient(PolygonProperties properties, Pacer pacer, Clock clock, MeterRegistry meters) {
        PolygonMeters counters = new PolygonMeters(meters);
        this.base = HttpUrl.get(properties.baseUrl());
        this.attempt =
                new PolygonAttempt(properties, pacer, counters, new AnswerReader(properties), new RetryAfter(clock));
        this.resilience = new PolygonResilience(properties);
        this.pager = new PolygonPager(properties, attempt, resilience, counters);
        if (!properties.apiKeyConfigured()) {
            log.warn("POLYGON_API_KEY not configured: the service runs, but every refresh fails until it is set");
        }
    }

    /** Daily bars of one symbol over a date range, unadjusted, oldest first; empty when Polygon has none. */
    public List<DailyBar> dailyBars(String symbol, LocalDate from, LocalDate to, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("v2/aggs/ticker")
                .addPathSegment(symbol)
                .addPathSegments("range/1/day")
                .addPathSegment(from.toString())
                .addPathSegment(to.toString())
                .addQueryParameter("adjusted", "false")
                .addQueryParameter("sort", "asc")
                .addQueryParameter("limit", "50000")
                .build();
        return usable(pager.results(url, "aggregates.range", AggregateBar.class, calls), bar -> bar.toDailyBar(symbol));
    }

    /** Every ticker's bar for one date (unadjusted); empty on a closed day or before the data exists. */
    public List<DailyBar> groupedDaily(LocalDate date, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("v2/aggs/grouped/locale/us/market/stocks")
                .addPathSegment(date.toString())
                .addQueryParameter("adjusted", "false")
                .build();
        return usable(pager.results(url, "aggregates.grouped", AggregateBar.class, calls), AggregateBar::toDailyBar);
    }

    /** Split events of these symbols (one request, pages followed). */
    public List<SplitEvent> splits(Collection<String> symbols, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("stocks/v1/splits")
                .addQueryParameter("ticker.any_of", String.join(",", symbols))
                .addQueryParameter("limit", "5000")
                .build();
        return usable(pager.results(url, "splits", SplitEntry.class, calls), SplitEntry::toSplitEvent);
    }

    /** Cash dividends of these symbols with an ex-date from {@code exFrom} on (one request, pages followed). */
    public List<Dividend> dividends(Collection<String> symbols, LocalDate exFrom, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("stocks/v1/dividends")
                .addQueryParameter("ticker.any_of", String.join(",", symbols))
                .addQueryParameter("ex_dividend_date.gte", exFrom.toString())
                .addQueryParameter("limit", "5000")
                .build();
        return usable(pager.results(url, "dividends", DividendEntry.class, calls), DividendEntry::toDividend);
    }

    /** Cash dividends of every ticker with an ex-date in {@code [from, to]} (one request, pages followed). */
    public List<Dividend> dividendsBetween(LocalDate from, LocalDate to, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("stocks/v1/dividends")
                .addQueryParameter("ex_dividend_date.gte", from.toString())
                .addQueryParameter("ex_dividend_date.lte", to.toString())
                .addQueryParameter("limit", "5000")
                .build();
        return usable(pager.results(url, "dividends", DividendEntry.class, calls), DividendEntry::toDividend);
    }

    /**
     * The delisted listings of a ticker ({@code active=false}): its composite FIGI and when it
     * stopped trading. A ticker used by several companies over time has several.
     */
    public List<ReferenceTicker> delistedTickers(String symbol, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("v3/reference/tickers")
                .addQueryParameter("ticker", symbol)
                .addQueryParameter("market", "stocks")
                .addQueryParameter("active", "false")
                .addQueryParameter("limit", "100")
                .build();
        return usable(pager.results(url, "reference.tickers", ReferenceTicker.class, calls), t -> t);
    }

    /** The ticker changes of one entity, asked by its composite FIGI (asked by ticker it answers for today's holder). */
    public List<TickerEventsAnswer.TickerChange> tickerChanges(String compositeFigi, PolygonSession calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("vX/reference/tickers")
                .addPathSegment(compositeFigi)
                .addPathSegment("events")
                .addQueryParameter("types", "ticker_change")
                .build();
        TickerEventsAnswer answer = resilience.call(
                () -> attempt.get(url, "reference.ticker_events", TickerEventsAnswer.class, calls), calls);
        return answer == null ? List.of() : answer.changes();
    }

    /** Upcoming closures and early closes of every exchange. */
    public List<UpcomingClosure> upcomingClosures(PolygonSession calls) {
        HttpUrl url =
                base.newBuilder().addPathSegments("v1/marketstatus/upcoming").build();
        UpcomingAnswer answer =
                resilience.call(() -> attempt.get(url, "marketstatus.upcoming", UpcomingAnswer.class, calls), calls);
        return answer == null ? List.of() : usable(answer.entries(), UpcomingAnswer.Entry::toClosure);
    }

    /** The entries that convert; a conversion answers null (and logs why) for an unusable one. */
    private static <E, T> List<T> usable(List<E> entries, Function<E, T> convert) {
        return entries.stream()
                .filter(Objects::nonNull)
                .map(convert)
                .filter(Objects::nonNull)
                .toList();
    }
}
