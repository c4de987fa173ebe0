package dev.valuator.refresh;

import com.fasterxml.jackson.annotation.JsonInclude;
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
public record RefreshRequest(String accountId, List<String> symbols, LocalDate from, LocalDate to) {

    public static final RefreshRequest EVERYTHING = new RefreshRequest(null, null, null, null);
}
