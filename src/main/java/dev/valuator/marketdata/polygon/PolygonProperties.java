package dev.valuator.marketdata.polygon;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service talks to Polygon/Massive. Only the first three come from the environment; the
 * rest are internal defaults ({@code valuator.polygon.*}).
 *
 * @param apiKey the key sent as {@code Authorization: Bearer} ({@code POLYGON_API_KEY}); blank = not configured
 * @param baseUrl REST base ({@code POLYGON_BASE_URL}); {@code next_url} links must stay on its host
 * @param rateLimitPerMinute calls per sliding minute, pages and retries included ({@code POLYGON_RATE_LIMIT_PER_MINUTE}); 0 = unlimited
 * @param connectTimeout TCP connect timeout (default 5 s)
 * @param readTimeout longest silence while reading a response (default 20 s)
 * @param callTimeout whole call, dribbling bodies included (default 30 s)
 * @param maxAttempts attempts per call for rate-limited and transient failures (default 4)
 * @param initialBackoff first back-off without {@code Retry-After}; doubles per attempt with jitter (default 2 s)
 * @param maxRetryAfter longest {@code Retry-After} honoured; a longer one fails the call at once (default 60 s)
 * @param maxPages most pages followed through {@code next_url} for one request (default 50); an
 *     answer that runs past them is a failure, never used in part
 * @param maxAnswerBytes largest answer body read (default 64 MiB; a grouped-daily answer is about
 *     2 MB): a larger one is a failure, not an OutOfMemoryError
 */
@ConfigurationProperties("valuator.polygon")
public record PolygonProperties(
        String apiKey,
        String baseUrl,
        Integer rateLimitPerMinute,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxRetryAfter,
        Integer maxPages,
        Long maxAnswerBytes) {

    public static final String DEFAULT_BASE_URL = "https://api.massive.com";

    public PolygonProperties {
        apiKey = apiKey == null ? "" : apiKey.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : stripTrailingSlash(baseUrl.strip());
        rateLimitPerMinute = rateLimitPerMinute == null ? 5 : rateLimitPerMinute;
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("POLYGON_RATE_LIMIT_PER_MINUTE must be 0 (unlimited) or positive");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 4 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(60) : maxRetryAfter;
        maxPages = maxPages == null || maxPages < 1 ? 50 : maxPages;
        maxAnswerBytes = maxAnswerBytes == null || maxAnswerBytes < 1 ? 64L * 1024 * 1024 : maxAnswerBytes;
        URI.create(baseUrl);
    }

    /** Settings with every internal default. */
    public static PolygonProperties of(String apiKey, String baseUrl, int rateLimitPerMinute) {
        return new PolygonProperties(
                apiKey, baseUrl, rateLimitPerMinute, null, null, null, null, null, null, null, null);
    }

    public boolean apiKeyConfigured() {
        return !apiKey.isEmpty();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "PolygonProperties[apiKey=" + (apiKeyConfigured() ? "***" : "unset") + ", baseUrl=" + baseUrl
                + ", rateLimitPerMinute=" + rateLimitPerMinute + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff + ", maxRetryAfter=" + maxRetryAfter + ", maxPages="
                + maxPages + ", maxAnswerBytes=" + maxAnswerBytes + "]";
    }
}
