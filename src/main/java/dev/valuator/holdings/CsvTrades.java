package dev.valuator.holdings;

import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.InvalidRequest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV trade upload with the header {@code symbol,tradeDate,side,quantity,price,fees,externalId}.
 * Read as a stream, record by record: more than {@link TradeUpload#MAX_TRADES} rows stop it at
 * once, and numbers are checked in one pass, with no regular expression.
 */
final class CsvTrades {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private final TradeUpload upload;

    private CsvTrades(TradeUpload upload) {
        this.upload = upload;
    }

    /** The upload's trades, or a 400 naming every bad row and field. */
    static List<NewTrade> read(Reader body, LocalDate today) {
        TradeUpload upload = new TradeUpload(today);
        CsvTrades reader = new CsvTrades(upload);
        try (CSVParser parser = FORMAT.parse(body)) {
            checkHeader(parser.getHeaderNames());
            int row = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                row++;
                if (row > TradeUpload.MAX_TRADES) {
                    throw new InvalidRequest("body", "must hold at most " + TradeUpload.MAX_TRADES + " trades");
                }
                reader.row("row " + row + " (line " + parser.getCurrentLineNumber() + ")", record);
            }
            if (row == 0) {
                upload.problem("body", "holds no trades");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidRequest("body", "is not valid CSV (" + e.getClass().getSimpleName() + ")");
        }
        return upload.result();
    }

    private static void checkHeader(List<String> header) {
        List<String> missing =
                TradeUpload.FIELDS.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown =
                header.stream().filter(c -> !TradeUpload.FIELDS.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>();
            missing.forEach(c -> problems.add(new FieldProblem("header", "missing column " + c)));
            unknown.forEach(c -> problems.add(new FieldProblem("header", "unknown column " + c)));
            throw new InvalidRequest("CSV header must be " + String.join(",", TradeUpload.FIELDS), problems);
        }
    }

    private void row(String row, CSVRecord record) {
        if (!record.isConsistent()) {
            upload.problem(row, "has " + record.size() + " columns, the header has " + TradeUpload.FIELDS.size());
            return;
        }
        Map<String, String> values = record.toMap();
        int before = upload.problemCount();
        BigDecimal quantity = number(row, "quantity", values.get("quantity"), true);
        BigDecimal price = number(row, "price", values.get("price"), true);
        BigDecimal fees = number(row, "fees", values.get("fees"), false);
        String symbol = blankToNull(values.get("symbol"));
        String date = blankToNull(values.get("tradeDate"));
        String side = blankToNull(values.get("side"));
        for (var required : Map.of("symbol", symbol == null, "tradeDate", date == null, "side", side == null)
                .entrySet()) {
            if (required.getValue()) {
                upload.problem(row + "." + required.getKey(), "is required");
            }
        }
        if (upload.problemCount() == before) {
            upload.add(row, symbol, date, side, quantity, price, fees, blankToNull(values.get("externalId")));
        }
    }

    private BigDecimal number(String row, String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                upload.problem(row + "." + field, "is required");
            }
            return null;
        }
        if (!plainDecimal(text)) {
            upload.problem(row + "." + field, "must be a number");
            return null;
        }
        return new BigDecimal(text);
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
