package dev.valuator.refresh.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of both refresh endpoints (and the one-shot command's options); every part optional.
 *
 * @param accountId refresh one account only
 * @param symbols fetch prices for these symbols only (1–500)
 * @param from first date (New York trading date)
 * @param to last date, not after today in New York
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@RefreshWindow
public record RefreshRequest(
        @Pattern(regexp = Identifiers.ACCOUNT_ID_REGEX, message = Identifiers.ACCOUNT_ID_RULE)
        String accountId,

        @Size(min = 1, max = MAX_SYMBOLS, message = SYMBOLS_RULE) @JsonDeserialize(using = RefreshRequest.Symbols.class)
        List<@Pattern(regexp = Identifiers.SYMBOL_REGEX, message = Identifiers.SYMBOL_RULE) String> symbols,

        LocalDate from,
        LocalDate to) {

    public static final int MAX_SYMBOLS = 500;
    static final String SYMBOLS_RULE = "must hold 1-" + MAX_SYMBOLS + " symbols";

    public static final RefreshRequest EVERYTHING = new RefreshRequest(null, null, null, null);

    /**
     * Reads {@code symbols} and stops at the first element past {@value #MAX_SYMBOLS}: a body of
     * 100,000 symbols costs the parse of 501, not the binding and validation of every one.
     */
    static final class Symbols extends ValueDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.isExpectedStartArrayToken()) {
                return (List<String>) context.handleUnexpectedToken(
                        context.getTypeFactory().constructCollectionType(List.class, String.class), parser);
            }
            List<String> symbols = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (symbols.size() == MAX_SYMBOLS) {
                    throw new InvalidRequest("symbols", SYMBOLS_RULE);
                }
                symbols.add(parser.hasToken(JsonToken.VALUE_NULL) ? null : context.readValue(parser, String.class));
            }
            return symbols;
        }
    }
}
