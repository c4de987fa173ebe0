package dev.valuator.marketdata;

import dev.valuator.prices.DailyBar;
import dev.valuator.prices.SplitEvent;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way to Polygon/Massive: one {@link OkHttpClient} with explicit timeouts, every attempt
 * paced, statuses mapped to {@link PolygonFailure}, retries for 429 (honouring {@code Retry-After})
 * and transient failures, {@code next_url} followed with a page cap and a repeat guard. The key
 * travels only in the {@code Authorization} header, never in a URL, log line or message.
 */
@Component
public class PolygonClient {

    private static final Logger log = LoggerFactory.getLogger(PolygonClient.class);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int MAX_MESSAGE = 300;

    private final PolygonProperties properties;
    private final Pacer pacer;
    private final Clock clock;
    private final MeterRegistry meters;
    private static final Duration IDLE_CONNECTION_LIFETIME = Duration.ofSeconds(15);

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Retry retry;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public PolygonClient(PolygonProperties properties, Pacer pacer, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.pacer = pacer;
        this.clock = clock;
        this.meters = meters;
        this.base = HttpUrl.get(properties.baseUrl());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.callTimeout())
                .retryOnConnectionFailure(false)
                // an idle connection is dropped before servers commonly close theirs (30 s and up):
                // reusing one the server already closed fails the attempt, and the retry's
                // back-off cost the daily run 1–2 s (docs/performance.md)
                .connectionPool(new ConnectionPool(2, IDLE_CONNECTION_LIFETIME.toMillis(), TimeUnit.MILLISECONDS))
                .followRedirects(false)
                .build();
        this.retry = Retry.of(
                "polygon",
                RetryConfig.<JsonNode>custom()
                        .maxAttempts(properties.maxAttempts())
                        .retryOnException(e -> e instanceof RetryableFailure)
                        .intervalBiFunction(this::waitBeforeRetry)
                        .failAfterMaxAttempts(false)
                        .build());
        if (!properties.apiKeyConfigured()) {
            log.warn("POLYGON_API_KEY not configured: the service runs, but every refresh fails until it is set");
        }
    }

    /** Daily bars of one symbol over a date range, unadjusted, oldest first; empty when Polygon has none. */
    public List<DailyBar> dailyBars(String symbol, LocalDate from, LocalDate to, PolygonCalls calls) {
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
        List<DailyBar> bars = new ArrayList<>();
        for (JsonNode page : pages(url, "aggregates.range", calls)) {
            for (JsonNode result : results(page)) {
                DailyBar bar = bar(symbol, result);
                if (bar != null) {
                    bars.add(bar);
                }
            }
        }
        return bars;
    }

    /** Every ticker's bar for one date (unadjusted); empty on a closed day or before the data exists. */
    public List<DailyBar> groupedDaily(LocalDate date, PolygonCalls calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("v2/aggs/grouped/locale/us/market/stocks")
                .addPathSegment(date.toString())
                .addQueryParameter("adjusted", "false")
                .build();
        List<DailyBar> bars = new ArrayList<>();
        for (JsonNode page : pages(url, "aggregates.grouped", calls)) {
            for (JsonNode result : results(page)) {
                String ticker = result.path("T").asString("");
                DailyBar bar = ticker.isEmpty() ? null : bar(ticker, result);
                if (bar != null) {
                    bars.add(bar);
                }
            }
        }
        return bars;
    }

    /** Split events of these symbols (one request, pages followed). */
    public List<SplitEvent> splits(Collection<String> symbols, PolygonCalls calls) {
        HttpUrl url = base.newBuilder()
                .addPathSegments("stocks/v1/splits")
                .addQueryParameter("ticker.any_of", String.join(",", symbols))
                .addQueryParameter("limit", "5000")
                .build();
        List<SplitEvent> splits = new ArrayList<>();
        for (JsonNode page : pages(url, "splits", calls)) {
            for (JsonNode result : results(page)) {
                try {
                    String ticker = result.path("ticker").asString("");
                    LocalDate date =
                            LocalDate.parse(result.path("execution_date").asString(""));
                    BigDecimal from = result.path("split_from").decimalValue(null);
                    BigDecimal to = result.path("split_to").decimalValue(null);
                    if (ticker.isEmpty() || from == null || to == null || from.signum() <= 0 || to.signum() <= 0) {
                        log.warn("Skipping an unusable split entry from Polygon for {}", ticker);
                        continue;
                    }
                    String id = result.path("id").isMissingNode()
                                    || result.path("id").isNull()
                            ? null
                            : result.path("id").asString();
                    splits.add(new SplitEvent(ticker, date, from, to, id));
                } catch (DateTimeParseException e) {
                    log.warn("Skipping a split entry from Polygon with an unreadable execution_date");
                }
            }
        }
        return splits;
    }

    /** Upcoming closures and early closes of every exchange. */
    public List<UpcomingClosure> upcomingClosures(PolygonCalls calls) {
        HttpUrl url =
                base.newBuilder().addPathSegments("v1/marketstatus/upcoming").build();
        JsonNode answer = call(url, "marketstatus.upcoming", calls);
        List<UpcomingClosure> closures = new ArrayList<>();
        if (answer == null || !answer.isArray()) {
            return closures;
        }
        for (JsonNode entry : answer) {
            try {
                closures.add(new UpcomingClosure(
                        entry.path("exchange").asString(""),
                        entry.path("name").asString(""),
                        LocalDate.parse(entry.path("date").asString("")),
                        "early-close".equals(entry.path("status").asString(""))));
            } catch (DateTimeParseException e) {
                log.warn("Skipping an upcoming-closure entry from Polygon with an unreadable date");
            }
        }
        return closures;
    }

    // ------------------------------------------------------------------ paging

    private List<JsonNode> pages(HttpUrl first, String endpoint, PolygonCalls calls) {
        List<JsonNode> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        HttpUrl url = first;
        while (url != null) {
            if (pages.size() >= properties.maxPages()) {
                log.warn("Polygon {}: stopped after {} pages (page cap)", endpoint, pages.size());
                break;
            }
            if (!seen.add(url.toString())) {
                log.warn("Polygon {}: next_url repeats an earlier page; stopped following it", endpoint);
                break;
            }
            HttpUrl current = url;
            JsonNode page = call(current, endpoint, calls);
            if (page == null) {
                break;
            }
            pages.add(page);
            url = nextUrl(page, endpoint);
        }
        return pages;
    }

    private HttpUrl nextUrl(JsonNode page, String endpoint) {
        JsonNode next = page.path("next_url");
        if (next.isMissingNode() || next.isNull() || next.asString("").isBlank()) {
            return null;
        }
        HttpUrl url = HttpUrl.parse(next.asString());
        if (url == null
                || !url.scheme().equals(base.scheme())
                || !url.host().equalsIgnoreCase(base.host())
                || url.port() != base.port()) {
            count(endpoint, "malformed");
            throw new PolygonFailure.Unavailable(
                    "Polygon returned a malformed next_url (an address on another host)", null);
        }
        return url;
    }

    private static Iterable<JsonNode> results(JsonNode page) {
        JsonNode results = page.path("results");
        return results.isArray() ? results : List.of();
    }

    private static DailyBar bar(String symbol, JsonNode result) {
        BigDecimal open = result.path("o").decimalValue(null);
        BigDecimal high = result.path("h").decimalValue(null);
        BigDecimal low = result.path("l").decimalValue(null);
        BigDecimal close = result.path("c").decimalValue(null);
        BigDecimal volume = result.path("v").decimalValue(null);
        JsonNode t = result.path("t");
        if (open == null
                || high == null
                || low == null
                || close == null
                || !t.isIntegralNumber()
                || close.signum() <= 0) {
            log.warn("Skipping an incomplete bar from Polygon for {}", symbol);
            return null;
        }
        LocalDate date = Instant.ofEpochMilli(t.longValue()).atZone(NEW_YORK).toLocalDate();
        BigDecimal vwap = result.path("vw").decimalValue(null);
        JsonNode n = result.path("n");
        Long transactions = n.isIntegralNumber() ? n.longValue() : null;
        return new DailyBar(
                symbol, date, open, high, low, close, volume == null ? BigDecimal.ZERO : volume, vwap, transactions);
    }

    // ------------------------------------------------------------------ one attempt

    private JsonNode call(HttpUrl url, String endpoint, PolygonCalls calls) {
        if (calls.providerDown()) {
            // an earlier call of this run already exhausted its retries on an outage: one attempt
            // each from now on, so a dead provider does not hold the lock for minutes
            try {
                JsonNode body = attempt(url, endpoint, calls);
                calls.providerUp();
                return body;
            } catch (RetryableFailure f) {
                String message = f.getMessage() + " (not retried: Polygon already failed earlier in this run)";
                throw f.rateLimited
                        ? new PolygonFailure.RateLimited(message)
                        : new PolygonFailure.Unavailable(message, f);
            }
        }
        try {
            return retry.executeSupplier(() -> attempt(url, endpoint, calls));
        } catch (RetryableFailure f) {
            String message = f.getMessage() + " (gave up after " + properties.maxAttempts() + " attempts)";
            if (!f.rateLimited) {
                calls.providerDown(true);
            }
            throw f.rateLimited ? new PolygonFailure.RateLimited(message) : new PolygonFailure.Unavailable(message, f);
        }
    }

    /** One paced HTTP attempt: the decoded body, null for "no data" (404), or a failure. */
    private JsonNode attempt(HttpUrl url, String endpoint, PolygonCalls calls) {
        if (!properties.apiKeyConfigured()) {
            throw new PolygonFailure.AuthFailed("POLYGON_API_KEY not configured");
        }
        calls.beforeCall(endpoint);
        pacer.acquire();
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json")
                .get()
                .build();
        int code;
        String body;
        String retryAfter;
        try (Response response = http.newCall(request).execute()) {
            code = response.code();
            retryAfter = response.header("Retry-After");
            body = response.body().string();
        } catch (IOException e) {
            count(endpoint, "io_error");
            throw new RetryableFailure(
                    "Polygon could not be reached (" + e.getClass().getSimpleName() + ")", null, false, e);
        }
        if (code == 401 || code == 403) {
            count(endpoint, "auth");
            String detail = detail(body);
            throw new PolygonFailure.AuthFailed(
                    code == 401
                            ? "Polygon rejected the API key (401): " + detail
                            : "Polygon plan does not allow this request (403): " + detail);
        }
        if (code == 404) {
            count(endpoint, "not_found");
            return null;
        }
        if (code == 429) {
            count(endpoint, "rate_limited");
            meters.counter("polygon.rate_limited", "endpoint", endpoint).increment();
            calls.rateLimited();
            Duration wait = retryAfter(retryAfter);
            if (wait != null && wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new PolygonFailure.RateLimited("Polygon rate limit: asked to wait " + wait.toSeconds()
                        + " s (Retry-After), more than the "
                        + properties.maxRetryAfter().toSeconds()
                        + " s allowed; giving up instead of waiting");
            }
            throw new RetryableFailure("Polygon rate limit exceeded (429): " + detail(body), wait, true, null);
        }
        if (code >= 500) {
            count(endpoint, "server_error");
            throw new RetryableFailure("Polygon server error (" + code + ")", null, false, null);
        }
        if (code < 200 || code >= 300) {
            count(endpoint, "rejected");
            throw new PolygonFailure.Rejected("Polygon rejected the request (" + code + "): " + detail(body));
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            count(endpoint, "malformed");
            throw new RetryableFailure("Polygon answered with a malformed body", null, false, null);
        }
        if (root == null || root.isMissingNode() || !(root.isObject() || root.isArray())) {
            count(endpoint, "malformed");
            throw new RetryableFailure("Polygon answered with a malformed body", null, false, null);
        }
        String status = root.isObject() ? root.path("status").asString("OK") : "OK";
        switch (status) {
            case "OK", "DELAYED" -> {
                count(
                        endpoint,
                        root.isObject()
                                        && root.path("results").isArray()
                                        && !root.path("results").isEmpty()
                                ? "ok"
                                : root.isArray() ? "ok" : "empty");
                return root;
            }
            case "NOT_FOUND" -> {
                count(endpoint, "not_found");
                return null;
            }
            case "NOT_AUTHORIZED" -> {
                count(endpoint, "auth");
                throw new PolygonFailure.AuthFailed("Polygon plan does not allow this request: " + detail(body));
            }
            default -> {
                count(endpoint, "server_error");
                throw new RetryableFailure(
                        "Polygon answered status " + redact(status) + ": " + detail(body), null, false, null);
            }
        }
    }

    private long waitBeforeRetry(Integer attempt, Either<Throwable, JsonNode> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof RetryableFailure failure && failure.retryAfter != null) {
            return Math.max(1, failure.retryAfter.toMillis());
        }
        long base = properties.initialBackoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // full jitter on the upper half: spreads retries of concurrent clients, never below half the step
        return Math.max(1, capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** {@code Retry-After} in seconds or as an HTTP-date; null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.MAX_VALUE); // more seconds than a long holds: "forever"
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** The human part of an error body: {@code error} for ERROR bodies, {@code message} for the others. */
    private String detail(String body) {
        String text = null;
        try {
            JsonNode root = json.readTree(body);
            if (root != null && root.isObject()) {
                String error = root.path("error").asString("");
                String message = root.path("message").asString("");
                text = !error.isBlank() ? error : !message.isBlank() ? message : null;
            }
        } catch (JacksonException notJson) {
            // 5xx pages and proxies answer HTML or text; the status code says enough
        }
        if (text == null) {
            return "no details";
        }
        text = redact(text);
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private String redact(String text) {
        return properties.apiKeyConfigured() ? text.replace(properties.apiKey(), "***") : text;
    }

    private void count(String endpoint, String outcome) {
        Counter.builder("polygon.requests")
                .description("Polygon HTTP attempts by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** A failure worth another attempt; once attempts run out it becomes a {@link PolygonFailure}. */
    private static final class RetryableFailure extends RuntimeException {
        final Duration retryAfter;
        final boolean rateLimited;

        RetryableFailure(String message, Duration retryAfter, boolean rateLimited, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
            this.rateLimited = rateLimited;
        }
    }
}
