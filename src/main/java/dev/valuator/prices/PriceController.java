package dev.valuator.prices;

import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.InvalidRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/prices/{symbol}?from&to}: stored unadjusted daily bars (admin token checked by the filter). */
@RestController
class PriceController {

    static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Za-z0-9.]{0,15}$");

    private final Prices prices;

    PriceController(Prices prices) {
        this.prices = prices;
    }

    @GetMapping("/api/prices/{symbol}")
    Map<String, List<Bar>> bars(
            @PathVariable String symbol,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!SYMBOL.matcher(symbol).matches()) {
            problems.add(new FieldProblem(
                    "symbol", "must be 1-16 characters: an upper-case letter, then letters, digits or '.'"));
        }
        LocalDate start = date("from", from, LocalDate.of(1900, 1, 1), problems);
        LocalDate end = date("to", to, LocalDate.of(9999, 12, 31), problems);
        if (problems.isEmpty() && start.isAfter(end)) {
            problems.add(new FieldProblem("from", "must not be after to"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest("Invalid request", problems);
        }
        List<Bar> bars = prices.between(symbol, start, end).stream()
                .map(b -> new Bar(b.date(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                .toList();
        return Map.of("data", bars);
    }

    private static LocalDate date(String field, String value, LocalDate absent, List<FieldProblem> problems) {
        if (value == null) {
            return absent;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date as YYYY-MM-DD"));
            return absent;
        }
    }

    /** One bar in the contract's shape. */
    record Bar(LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {}
}
