package dev.valuator.marketdata.polygon;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes Polygon's JSON: answers into their records (prices exact, as {@code BigDecimal}), and
 * error bodies into the sentence a failure quotes, with the API key never in it.
 */
final class AnswerReader {

    private static final int MAX_MESSAGE = 300;

    private final PolygonProperties properties;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    AnswerReader(PolygonProperties properties) {
        this.properties = properties;
    }

    /** The answer, or null for a {@code null} body. */
    <A extends PolygonAnswer> A read(String body, JavaType type) throws JacksonException {
        return json.readValue(body, type);
    }

    JavaType type(Class<? extends PolygonAnswer> answer) {
        return json.getTypeFactory().constructType(answer);
    }

    /** A {@link PolygonPage} of {@code entry} records. */
    JavaType pageOf(Class<?> entry) {
        return json.getTypeFactory().constructParametricType(PolygonPage.class, entry);
    }

    /** The human part of an error body: {@code error} for ERROR bodies, {@code message} for the others. */
    String detail(String body) {
        String text = null;
        try {
            ErrorBody error = json.readValue(body, ErrorBody.class);
            text = error == null ? null : error.text();
        } catch (JacksonException notJson) {
            // 5xx pages and proxies answer HTML or text; the status code says enough
        }
        if (text == null) {
            return "no details";
        }
        text = redact(text);
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    String redact(String text) {
        return properties.apiKeyConfigured() ? text.replace(properties.apiKey(), "***") : text;
    }

    /** What an error body says, in either of Polygon's two fields. */
    record ErrorBody(String error, String message) {

        String text() {
            return !blank(error) ? error : !blank(message) ? message : null;
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }
}
