package dev.valuator.holdings;

import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One trade upload as its rows are checked, whatever its format ({@link JsonTrades}, {@link
 * CsvTrades}): the valid trades and every problem found, each bad row and field named at once.
 * All-or-nothing: one problem anywhere rejects the upload.
 */
final class TradeUpload {

    static final int MAX_TRADES = 50_000;
    /** The fields of a trade: the JSON row's names, the CSV header's columns. */
    static final List<String> FIELDS =
            List.of("symbol", "tradeDate", "side", "quantity", "price", "fees", "externalId");

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final LocalDate OLDEST = LocalDate.of(1970, 1, 1);
    private static final int MAX_SCALE = 8;
    /** Beyond this an exponent is no amount: 0e-999999999 would reach the database as a scale it cannot store. */
    private static final int MAX_EXPONENT = 64;

    private static final int MAX_EXTERNAL_ID = 128;

    private final LocalDate today;
    private final List<FieldProblem> problems = new ArrayList<>();
    private final List<NewTrade> trades = new ArrayList<>();

    TradeUpload(LocalDate today) {
        this.today = today;
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** How many problems were found so far (a row is added only if it found none). */
    int problemCount() {
        return problems.size();
    }

    /**
     * Checks a row's values (present and of the right type) and keeps it as a trade if they are
     * all valid; problems are named {@code row.field}.
     */
    void add(
            String row,
            String symbol,
            String date,
            String side,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal fees,
            String externalId) {
        int before = problems.size();
        if (!Identifiers.isSymbol(symbol)) {
            problem(row + ".symbol", "must be 1-16 characters: an upper-case letter, then letters, digits or '.'");
        }
        LocalDate tradeDate = tradeDate(row, date);
        Side parsedSide = "BUY".equals(side) ? Side.BUY : "SELL".equals(side) ? Side.SELL : null;
        if (parsedSide == null) {
            problem(row + ".side", "must be BUY or SELL");
        }
        amount(row, "quantity", quantity, false);
        amount(row, "price", price, false);
        if (fees != null) {
            amount(row, "fees", fees, true);
        }
        if (externalId != null
                && (externalId.isEmpty()
                        || externalId.length() > MAX_EXTERNAL_ID
                        || externalId.chars().anyMatch(Character::isISOControl))) {
            problem(row + ".externalId", "must be 1-128 characters without control characters");
        }
        if (problems.size() == before) {
            BigDecimal allFees = fees == null ? BigDecimal.ZERO : fees;
            trades.add(new NewTrade(
                    row, new TradeTerms(symbol, tradeDate, parsedSide, quantity, price, allFees, externalId)));
        }
    }

    private LocalDate tradeDate(String row, String date) {
        try {
            LocalDate tradeDate = LocalDate.parse(date);
            if (tradeDate.isAfter(today)) {
                problem(row + ".tradeDate", "is in the future (today is " + today + " in New York)");
            } else if (tradeDate.isBefore(OLDEST)) {
                problem(row + ".tradeDate", "must not be before " + OLDEST);
            }
            return tradeDate;
        } catch (DateTimeParseException e) {
            problem(row + ".tradeDate", "must be a date YYYY-MM-DD");
            return null;
        }
    }

    private void amount(String row, String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            return;
        }
        if (Math.abs((long) value.scale()) > MAX_EXPONENT) {
            problem(row + "." + field, "must be a plain amount with at most " + MAX_SCALE + " decimal places");
        } else if (zeroAllowed ? value.signum() < 0 : value.signum() <= 0) {
            problem(row + "." + field, zeroAllowed ? "must be >= 0" : "must be > 0");
        } else if (value.compareTo(MAX_AMOUNT) >= 0) {
            problem(row + "." + field, "must be below " + MAX_AMOUNT.toPlainString());
        } else if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            problem(row + "." + field, "must have at most " + MAX_SCALE + " decimal places");
        }
    }

    /** The trades, or a 400 naming every problem. */
    List<NewTrade> result() {
        if (!problems.isEmpty()) {
            long rows = problems.stream().map(p -> rowOf(p.field())).distinct().count();
            throw new InvalidRequest("Invalid trades: nothing was stored (" + rows + " bad rows or fields)", problems);
        }
        return List.copyOf(trades);
    }

    /** {@code trades[3]} of {@code trades[3].price}: the row a problem belongs to. */
    private static String rowOf(String field) {
        int end = field.indexOf(']');
        int dot = field.indexOf('.');
        int cut = end >= 0 ? end : dot;
        return cut < 0 ? field : field.substring(0, cut);
    }
}
