package dev.valuator.refresh.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.system.Identifiers;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

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

        @Size(min = 1, max = MAX_SYMBOLS, message = "must hold 1-" + MAX_SYMBOLS + " symbols")
        List<@Pattern(regexp = Identifiers.SYMBOL_REGEX, message = Identifiers.SYMBOL_RULE) String> symbols,

        LocalDate from,
        LocalDate to) {

    public static final int MAX_SYMBOLS = 500;

    public static final RefreshRequest EVERYTHING = new RefreshRequest(null, null, null, null);
}
