package dev.valuator.marketdata.polygon;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/**
 * One paced HTTP attempt at Polygon/Massive, and what its answer means: the decoded record, null
 * for "no data" (404, {@code NOT_FOUND}), a {@link PolygonFailure} that no retry can mend
 * (401/403, another 4xx, a {@code Retry-After} over the cap), or a {@link RetryableFailure} (429,
 * 5xx, I/O error, malformed body). The key travels only in the {@code Authorization} header.
 */
public final class PolygonAttempt {

    private static final Duration IDLE_CONNECTION_LIFETIME = Duration.ofSeconds(15);

    private final PolygonProperties properties;
    private final Pacer pacer;
    private final PolygonMeters meters;
    private final AnswerReader reader;
    private final RetryAfter retryAfter;
    private final OkHttpClient http;

    PolygonAttempt(
            PolygonProperties properties,
            Pacer pacer,
            PolygonMeters meters,
            AnswerReader reader,
            RetryAfter retryAfter) {
        this.properties = properties;
        this.pacer = pacer;
        this.meters = meters;
        this.reader = reader;
        this.retryAfter = retryAfter;
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
    }

    /** Asks once (paced, counted for the run) and decodes the answer as {@code type}. */
    <A extends PolygonAnswer> A get(HttpUrl url, String endpoint, Class<A> type, PolygonSession calls) {
        return send(url, endpoint, reader.type(type), calls);
    }

    /** Asks once for one page of {@code entry} records. */
    <R> PolygonPage<R> page(HttpUrl url, String endpoint, Class<R> entry, PolygonSession calls) {
        return send(url, endpoint, reader.pageOf(entry), calls);
    }

    private <A extends PolygonAnswer> A send(HttpUrl url, String endpoint, JavaType type, PolygonSession calls) {
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
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            String header = response.header("Retry-After");
            String body = body(response, endpoint);
            return code == 404 ? notFound(endpoint) : answer(code, header, body, endpoint, type, calls);
        } catch (IOException e) {
            meters.count(endpoint, "io_error");
            throw new RetryableFailure(
                    "Polygon could not be reached (" + e.getClass().getSimpleName() + ")", null, false, e);
        }
    }

    /** The answer's body, read only up to {@code maxAnswerBytes}: past that the call fails without reading on. */
    private String body(Response response, String endpoint) throws IOException {
        ResponseBody body = response.body();
        long max = properties.maxAnswerBytes();
        if (body.contentLength() > max || body.source().request(max + 1)) {
            meters.count(endpoint, "too_large");
            throw new PolygonFailure.Rejected("Polygon's answer is larger than " + max
                    + " bytes (valuator.polygon.max-answer-bytes); it was not read");
        }
        return body.string();
    }

    private <A extends PolygonAnswer> A answer(
            int code, String retryAfterHeader, String body, String endpoint, JavaType type, PolygonSession calls) {
        if (code == 401 || code == 403) {
            meters.count(endpoint, "auth");
            String detail = reader.detail(body);
            throw new PolygonFailure.AuthFailed(
                    code == 401
                            ? "Polygon rejected the API key (401): " + detail
                            : "Polygon plan does not allow this request (403): " + detail);
        }
        if (code == 429) {
            meters.rateLimited(endpoint);
            calls.rateLimited();
            Duration wait = retryAfter.parse(retryAfterHeader);
            if (wait != null && wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new PolygonFailure.RateLimited("Polygon rate limit: asked to wait " + wait.toSeconds()
                        + " s (Retry-After), more than the "
                        + properties.maxRetryAfter().toSeconds()
                        + " s allowed; giving up instead of waiting");
            }
            throw new RetryableFailure("Polygon rate limit exceeded (429): " + reader.detail(body), wait, true, null);
        }
        if (code >= 500) {
            meters.count(endpoint, "server_error");
            throw RetryableFailure.transientFailure("Polygon server error (" + code + ")");
        }
        if (code < 200 || code >= 300) {
            meters.count(endpoint, "rejected");
            throw new PolygonFailure.Rejected("Polygon rejected the request (" + code + "): " + reader.detail(body));
        }
        return decode(body, endpoint, type);
    }

    private <A extends PolygonAnswer> A decode(String body, String endpoint, JavaType type) {
        A answer;
        try {
            answer = reader.read(body, type);
        } catch (JacksonException e) {
            answer = null;
        }
        if (answer == null) {
            meters.count(endpoint, "malformed");
            throw RetryableFailure.transientFailure("Polygon answered with a malformed body");
        }
        String status = answer.status() == null ? "OK" : answer.status();
        switch (status) {
            case "OK", "DELAYED" -> {
                meters.count(endpoint, answer.empty() ? "empty" : "ok");
                return answer;
            }
            case "NOT_FOUND" -> {
                return notFound(endpoint);
            }
            case "NOT_AUTHORIZED" -> {
                meters.count(endpoint, "auth");
                throw new PolygonFailure.AuthFailed("Polygon plan does not allow this request: " + reader.detail(body));
            }
            default -> {
                meters.count(endpoint, "server_error");
                throw RetryableFailure.transientFailure(
                        "Polygon answered status " + reader.redact(status) + ": " + reader.detail(body));
            }
        }
    }

    private <A> A notFound(String endpoint) {
        meters.count(endpoint, "not_found");
        return null;
    }
}
