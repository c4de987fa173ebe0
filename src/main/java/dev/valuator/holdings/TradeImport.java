package dev.valuator.holdings;

import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * Turns a JSON or CSV trade upload into validated {@link NewTrade}s, naming every bad row and
 * field at once (all-or-nothing: one problem anywhere rejects the upload).
 */
final class TradeImport {

    static final int MAX_TRADES = 50_000;
    static final List<String> CSV_HEADER =
            List.of("symbol", "tradeDate", "side", "quantity", "price", "fees", "externalId");
    private static final Set<String> FIELDS = Set.copyOf(CSV_HEADER);
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final LocalDate OLDEST = LocalDate.of(1970, 1, 1);
    private static final int MAX_SCALE = 8;

    private final LocalDate today;
    private final List<FieldProblem> problems = new ArrayList<>();
    private final List<NewTrade> trades = new ArrayList<>();

    private TradeImport(LocalDate today) {
        this.today = today;
    }

    /** {@code {"trades": [{symbol, tradeDate, side, quantity, price, fees?, externalId?}]}} */
    static List<NewTrade> fromJson(JsonNode root, LocalDate today) {
        TradeImport upload = new TradeImport(today);
        if (root == null || !root.isObject()) {
            throw new InvalidRequest("body", "must be a JSON object {\"trades\": [...]}");
        }
        for (String name : root.propertyNames()) {
            if (!name.equals("trades")) {
                upload.problems.add(new FieldProblem(name, "unknown field"));
            }
        }
        JsonNode list = root.get("trades");
        if (list == null || !list.isArray()) {
            upload.problems.add(new FieldProblem("trades", "is required: an array of trades"));
        } else if (list.isEmpty() || list.size() > MAX_TRADES) {
            upload.problems.add(new FieldProblem("trades", "must hold 1-" + MAX_TRADES + " trades"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                upload.jsonRow("trades[" + i + "]", list.get(i));
            }
        }
        return upload.result();
    }

    /** CSV with the header {@code symbol,tradeDate,side,quantity,price,fees,externalId}. */
    static List<NewTrade> fromCsv(Reader body, LocalDate today) {
        TradeImport upload = new TradeImport(today);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = format.parse(body)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing =
                    CSV_HEADER.stream().filter(c -> !header.contains(c)).toList();
            List<String> unknown =
                    header.stream().filter(c -> !FIELDS.contains(c)).toList();
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                List<FieldProblem> headerProblems = new ArrayList<>();
                missing.forEach(c -> headerProblems.add(new FieldProblem("header", "missing column " + c)));
                unknown.forEach(c -> headerProblems.add(new FieldProblem("header", "unknown column " + c)));
                throw new InvalidRequest("CSV header must be " + String.join(",", CSV_HEADER), headerProblems);
            }
            int row = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                row++;
                if (row > MAX_TRADES) {
                    throw new InvalidRequest("body", "must hold at most " + MAX_TRADES + " trades");
                }
                upload.csvRow("row " + row + " (line " + parser.getCurrentLineNumber() + ")", record);
            }
            if (row == 0) {
                upload.problems.add(new FieldProblem("body", "holds no trades"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidRequest("body", "is not valid CSV (" + e.getClass().getSimpleName() + ")");
        }
        return upload.result();
    }

    private List<NewTrade> result() {
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

    private void jsonRow(String row, JsonNode node) {
        if (node == null || !node.isObject()) {
            problems.add(new FieldProblem(row, "must be an object"));
            return;
        }
        int before = problems.size();
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(row + "." + name, "unknown field"));
            }
        }
        String symbol = jsonText(row, node, "symbol", true);
        String date = jsonText(row, node, "tradeDate", true);
        String side = jsonText(row, node, "side", true);
        BigDecimal quantity = jsonNumber(row, node, "quantity", true);
        BigDecimal price = jsonNumber(row, node, "price", true);
        BigDecimal fees = jsonNumber(row, node, "fees", false);
        String externalId = jsonText(row, node, "externalId", false);
        if (problems.size() == before) {
            add(row, symbol, date, side, quantity, price, fees, externalId);
        }
    }

    private void csvRow(String row, CSVRecord record) {
        if (!record.isConsistent()) {
            problems.add(
                    new FieldProblem(row, "has " + record.size() + " columns, the header has " + CSV_HEADER.size()));
            return;
        }
        Map<String, String> values = record.toMap();
        int before = problems.size();
        BigDecimal quantity = csvNumber(row, "quantity", values.get("quantity"), true);
        BigDecimal price = csvNumber(row, "price", values.get("price"), true);
        BigDecimal fees = csvNumber(row, "fees", values.get("fees"), false);
        String symbol = blankToNull(values.get("symbol"));
        String date = blankToNull(values.get("tradeDate"));
        String side = blankToNull(values.get("side"));
        for (var required : Map.of("symbol", symbol == null, "tradeDate", date == null, "side", side == null)
                .entrySet()) {
            if (required.getValue()) {
                problems.add(new FieldProblem(row + "." + required.getKey(), "is required"));
            }
        }
        if (problems.size() == before) {
            add(row, symbol, date, side, quantity, price, fees, blankToNull(values.get("externalId")));
        }
    }

    private void add(
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
            problems.add(new FieldProblem(
                    row + ".symbol", "must be 1-16 characters: an upper-case letter, then letters, digits or '.'"));
        }
        LocalDate tradeDate = null;
        try {
            tradeDate = LocalDate.parse(date);
            if (tradeDate.isAfter(today)) {
                problems.add(
                        new FieldProblem(row + ".tradeDate", "is in the future (today is " + today + " in New York)"));
            } else if (tradeDate.isBefore(OLDEST)) {
                problems.add(new FieldProblem(row + ".tradeDate", "must not be before " + OLDEST));
            }
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(row + ".tradeDate", "must be a date YYYY-MM-DD"));
        }
        Side parsedSide = "BUY".equals(side) ? Side.BUY : "SELL".equals(side) ? Side.SELL : null;
        if (parsedSide == null) {
            problems.add(new FieldProblem(row + ".side", "must be BUY or SELL"));
        }
        amount(row, "quantity", quantity, false);
        amount(row, "price", price, false);
        if (fees != null) {
            amount(row, "fees", fees, true);
        }
        if (externalId != null
                && (externalId.isEmpty()
                        || externalId.length() > 128
                        || externalId.chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldProblem(row + ".externalId", "must be 1-128 characters without control characters"));
        }
        if (problems.size() == before) {
            trades.add(new NewTrade(
                    row,
                    symbol,
                    tradeDate,
                    parsedSide,
                    quantity,
                    price,
                    fees == null ? BigDecimal.ZERO : fees,
                    externalId));
        }
    }

    private void amount(String row, String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            return;
        }
        if (zeroAllowed ? value.signum() < 0 : value.signum() <= 0) {
            problems.add(new FieldProblem(row + "." + field, zeroAllowed ? "must be >= 0" : "must be > 0"));
        } else if (value.compareTo(MAX_AMOUNT) >= 0) {
            problems.add(new FieldProblem(row + "." + field, "must be below " + MAX_AMOUNT.toPlainString()));
        } else if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            problems.add(new FieldProblem(row + "." + field, "must have at most " + MAX_SCALE + " decimal places"));
        }
    }

    private String jsonText(String row, JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem(row + "." + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            problems.add(new FieldProblem(row + "." + field, "must be a string"));
            return null;
        }
        return value.asString();
    }

    private BigDecimal jsonNumber(String row, JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem(row + "." + field, "is required"));
            }
            return null;
        }
        if (!value.isNumber()) {
            problems.add(new FieldProblem(row + "." + field, "must be a number"));
            return null;
        }
        return value.decimalValue();
    }

    private BigDecimal csvNumber(String row, String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(row + "." + field, "is required"));
            }
            return null;
        }
        try {
            if (!plainDecimal(text)) {
                throw new NumberFormatException();
            }
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(row + "." + field, "must be a number"));
            return null;
        }
    }

    /** {@code [+-]?digits(.digits)?} with at most 20 digits each side, checked in one pass. */
    static boolean plainDecimal(String text) {
        int i = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        int dot = text.indexOf('.', i);
        String whole = text.substring(i, dot < 0 ? text.length() : dot);
        String fraction = dot < 0 ? null : text.substring(dot + 1);
        return digits(whole) && (fraction == null || digits(fraction));
    }

    private static boolean digits(String part) {
        if (part.isEmpty() || part.length() > 20) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
