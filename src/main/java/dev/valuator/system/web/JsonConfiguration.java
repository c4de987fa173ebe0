package dev.valuator.system.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Exact decimals in and out (no scientific notation, no binary floating point), and strict
 * types: a number where a string belongs (or the reverse) is a 400, not silently coerced.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Longest JSON property name accepted (the longest real one is {@code externalId}). */
    static final int MAX_NAME_LENGTH = 256;
    /** Deepest nesting accepted ({@code {"trades": [{…}]}} is three). */
    static final int MAX_NESTING_DEPTH = 32;
    /** Most digits in one JSON number (amounts have at most 13 + 8). */
    static final int MAX_NUMBER_LENGTH = 64;

    /**
     * Hostile input costs nothing: the parser refuses an oversized name, nesting or number as it
     * reads, before any of it is buffered, compared or echoed.
     */
    @Bean
    JsonFactoryBuilderCustomizer parserLimits() {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    }

    @Bean
    JsonMapperBuilderCustomizer exactDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("strict-dates").addDeserializer(LocalDate.class, new IsoDate()))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strict -> strict.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        strict -> strict.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float, strict -> strict.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        strict -> strict.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }

    /** A calendar date is a {@code "YYYY-MM-DD"} string: not an array, a number or any other form. */
    static final class IsoDate extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getString();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date YYYY-MM-DD");
            }
        }
    }
}
