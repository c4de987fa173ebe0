package dev.valuator.prices;

import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.SuccessBody;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/prices/{symbol}?from&to}: stored unadjusted daily bars (admin token checked by the filter). */
@RestController
class PriceController {

    private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final Prices prices;

    PriceController(Prices prices) {
        this.prices = prices;
    }

    @GetMapping("/api/prices/{symbol}")
    SuccessBody<List<Bar>> getPrices(
            @PathVariable @Pattern(regexp = Identifiers.SYMBOL_REGEX, message = Identifiers.SYMBOL_RULE) String symbol,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        LocalDate start = from == null ? FIRST : from;
        LocalDate end = to == null ? LAST : to;
        if (start.isAfter(end)) {
            throw new InvalidRequest("from", "must not be after to");
        }
        return new SuccessBody<>(prices.between(symbol, start, end).stream()
                .map(b -> new Bar(b.date(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                .toList());
    }

    /** One bar in the contract's shape. */
    record Bar(LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {}
}
