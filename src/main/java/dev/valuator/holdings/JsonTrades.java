package dev.valuator.holdings;

import dev.valuator.system.InvalidRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A JSON trade upload: {@code {"trades": [{symbol, tradeDate, side, quantity, price, fees?, externalId?}]}}. */
final class JsonTrades {

    private final TradeUpload upload;

    private JsonTrades(TradeUpload upload) {
        this.upload = upload;
    }

    /** The upload's trades, or a 400 naming every bad row and field. */
    static List<NewTrade> read(JsonNode root, LocalDate today) {
        if (root == null || !root.isObject()) {
            throw new InvalidRequest("body", "must be a JSON object {\"trades\": [...]}");
        }
        TradeUpload upload = new TradeUpload(today);
        JsonTrades reader = new JsonTrades(upload);
        for (String name : root.propertyNames()) {
            if (!name.equals("trades")) {
                upload.problem(name, "unknown field");
            }
        }
        JsonNode list = root.get("trades");
        if (list == null || !list.isArray()) {
            upload.problem("trades", "is required: an array of trades");
        } else if (list.isEmpty() || list.size() > TradeUpload.MAX_TRADES) {
            upload.problem("trades", "must hold 1-" + TradeUpload.MAX_TRADES + " trades");
        } else {
            for (int i = 0; i < list.size(); i++) {
                reader.row("trades[" + i + "]", list.get(i));
            }
        }
        return upload.result();
    }

    private void row(String row, JsonNode node) {
        if (node == null || !node.isObject()) {
            upload.problem(row, "must be an object");
            return;
        }
        int before = upload.problemCount();
        for (String name : node.propertyNames()) {
            if (!TradeUpload.FIELDS.contains(name)) {
                upload.problem(row + "." + name, "unknown field");
            }
        }
        String symbol = text(row, node, "symbol", true);
        String date = text(row, node, "tradeDate", true);
        String side = text(row, node, "side", true);
        BigDecimal quantity = number(row, node, "quantity", true);
        BigDecimal price = number(row, node, "price", true);
        BigDecimal fees = number(row, node, "fees", false);
        String externalId = text(row, node, "externalId", false);
        if (upload.problemCount() == before) {
            upload.add(row, symbol, date, side, quantity, price, fees, externalId);
        }
    }

    private String text(String row, JsonNode node, String field, boolean required) {
        return value(row, node, field, required, JsonNode::isString, "must be a string", JsonNode::asString);
    }

    private BigDecimal number(String row, JsonNode node, String field, boolean required) {
        return value(row, node, field, required, JsonNode::isNumber, "must be a number", JsonNode::decimalValue);
    }

    /** The field's value when present and of the type {@code is} accepts; else null, with its problem. */
    private <T> T value(
            String row,
            JsonNode node,
            String field,
            boolean required,
            Predicate<JsonNode> is,
            String wrongType,
            Function<JsonNode, T> read) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                upload.problem(row + "." + field, "is required");
            }
            return null;
        }
        if (!is.test(value)) {
            upload.problem(row + "." + field, wrongType);
            return null;
        }
        return read.apply(value);
    }
}
