package dev.valuator.holdings;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@ValuatorTest
class TradesApiTests extends RunningService {

    static final String TRADES = "/api/accounts/acc-1/trades";
    static final String CSV_HEADER = "symbol,tradeDate,side,quantity,price,fees,externalId\n";

    @BeforeEach
    void setUp() {
        PolygonStandIn.server().resetAll(); // no splits unless a test stubs them
        clock.set(Instant.parse("2026-03-02T15:00:00Z")); // Monday 10:00 New York
        assertThat(http.put("/api/accounts/acc-1", "{\"name\":\"Main\"}", admin(json()))
                        .status())
                .isEqualTo(200);
    }

    Http.Response postJson(String body) {
        return http.post(TRADES, body, admin(json()));
    }

    Http.Response postCsv(String body) {
        return http.post(TRADES, body, admin("Content-Type", "text/csv"));
    }

    long tradeCount() {
        return jdbc.queryForObject("SELECT count(*) FROM trades", Long.class);
    }

    @Test
    void importsJsonTrades() {
        var response = postJson("""
                {"trades": [
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 185.25, "fees": 1.5, "externalId": "t1"},
                  {"symbol": "BRK.B", "tradeDate": "2026-01-06", "side": "BUY", "quantity": 2.5, "price": 410.10},
                  {"symbol": "AAPL", "tradeDate": "2026-02-02", "side": "SELL", "quantity": 4, "price": 190}
                ]}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("data").path("inserted").asInt()).isEqualTo(3);
        assertThat(response.json().path("data").path("duplicates").asInt()).isZero();

        JsonNode listed = http.get(TRADES, admin()).json().path("data");
        assertThat(listed).hasSize(3);
        JsonNode first = listed.get(0);
        assertThat(first.path("symbol").asString()).isEqualTo("AAPL");
        assertThat(first.path("tradeDate").asString()).isEqualTo("2026-01-05");
        assertThat(first.path("side").asString()).isEqualTo("BUY");
        assertThat(first.path("quantity").decimalValue()).isEqualByComparingTo("10");
        assertThat(first.path("price").decimalValue()).isEqualByComparingTo("185.25");
        assertThat(first.path("fees").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(first.path("externalId").asString()).isEqualTo("t1");
        assertThat(listed.get(1).path("symbol").asString()).isEqualTo("BRK.B");
        assertThat(listed.get(1).path("fees").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void importsCsvTrades() {
        var response = postCsv(CSV_HEADER + """
                AAPL,2026-01-05,BUY,10,185.25,1.50,c1
                MSFT,2026-01-05,BUY,3,410,,
                AAPL,2026-01-07,SELL,10,188,0.5,c2
                """);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("data").path("inserted").asInt()).isEqualTo(3);
        assertThat(tradeCount()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT fees FROM trades WHERE symbol = 'MSFT'", BigDecimal.class))
                .isEqualByComparingTo("0");
    }

    @Test
    void namesEveryBadJsonRowAndStoresNothing() {
        var response = postJson("""
                {"trades": [
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100},
                  {"symbol": "aapl", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-13-45", "side": "BUY", "quantity": 10, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-03-03", "side": "BUY", "quantity": 10, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "HOLD", "quantity": 10, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 0, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": -1, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 0},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": -5},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": "ten", "price": 100},
                  {"symbol": 42, "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100, "form": "x"},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "price": 100}
                ]}""");
        assertThat(response.status()).isEqualTo(400);
        List<String> fields = fields(response.json());
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "trades[1].symbol",
                        "trades[2].tradeDate",
                        "trades[3].tradeDate",
                        "trades[4].side",
                        "trades[5].quantity",
                        "trades[6].quantity",
                        "trades[7].price",
                        "trades[8].price",
                        "trades[9].quantity",
                        "trades[10].symbol",
                        "trades[11].form",
                        "trades[12].quantity");
        assertThat(messageOf(response.json(), "trades[3].tradeDate")).contains("future");
        assertThat(messageOf(response.json(), "trades[11].form")).isEqualTo("unknown field");
        assertThat(tradeCount()).isZero();
    }

    @Test
    void malformedJsonAndUnknownTopLevelFieldsAre400() {
        var malformed = postJson("{\"trades\": [ {\"symbol\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asString()).isNotBlank();
        var unknown = postJson("{\"trades\": [], \"dryRun\": true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown.json())).contains("dryRun");
        assertThat(postJson("[]").status()).isEqualTo(400);
        assertThat(postJson("{\"trades\": []}").status()).isEqualTo(400);
        assertThat(tradeCount()).isZero();
    }

    @Test
    void hostileJsonCostsNothing() {
        // 40,000 characters: brackets, then an escaped newline, once sent a regex over the field names quadratic
        String longKey = "]".repeat(39_997) + "\\nx";
        String[] hostile = {
            "{\"trades\": [{\"" + longKey + "\": 1}]}",
            "{\"" + "a".repeat(40_000) + "\": 1}",
            "{\"trades\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            "{\"trades\": [{\"quantity\": 1" + "0".repeat(10_000) + "}]}",
        };
        for (String body : hostile) {
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3; attempt++) {
                long started = System.nanoTime();
                var response = postJson(body);
                best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
                assertThat(response.status()).isEqualTo(400);
                assertThat(response.body().length()).isLessThan(2_000);
            }
            assertThat(best).as("best of three, ms").isLessThan(100);
        }
        assertThat(tradeCount()).isZero();
    }

    @Test
    void atMostFiftyProblemsAreListedThenHowManyMore() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"symbol\": \"bad\"}");
        }
        var response = postJson("{\"trades\": [" + rows + "]}");
        assertThat(response.status()).isEqualTo(400);
        JsonNode details = response.json().path("details");
        assertThat(details.size()).isEqualTo(51);
        // each bad row misses four required fields (tradeDate, side, quantity, price): 2,000 problems
        assertThat(details.get(50).path("message").asString()).isEqualTo("and " + (4 * 500 - 50) + " more");
        assertThat(response.json().path("error").asString()).contains("500 bad rows");
        assertThat(tradeCount()).isZero();
    }

    @Test
    void anAmountWithAHugeExponentIs400AndStoresNothing() {
        for (String amount : new String[] {"0e-999999999", "0E+999999999", "1.5e-70"}) {
            var response =
                    postJson("{\"trades\": [{\"symbol\": \"AAPL\", \"tradeDate\": \"2026-01-05\", \"side\": \"BUY\","
                            + " \"quantity\": 1, \"price\": 10, \"fees\": " + amount + "}]}");
            assertThat(response.status()).as(amount + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().path("details").get(0).path("field").asString())
                    .isEqualTo("trades[0].fees");
        }
        assertThat(tradeCount()).isZero();
    }

    @Test
    void namesBadCsvRowsAndRejectsAMissingColumn() {
        var badRows = postCsv(CSV_HEADER + """
                AAPL,2026-01-05,BUY,10,100,,
                AAPL,01/05/2026,BUY,10,100,,
                AAPL,2026-01-05,BUY,abc,100,,
                AAPL,2026-01-05,BUY,10,100
                """);
        assertThat(badRows.status()).isEqualTo(400);
        assertThat(fields(badRows.json()))
                .containsExactlyInAnyOrder("row 2 (line 3).tradeDate", "row 3 (line 4).quantity", "row 4 (line 5)");

        var missingColumn = postCsv("symbol,tradeDate,side,quantity,price,externalId\nAAPL,2026-01-05,BUY,10,100,x\n");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(missingColumn.json().path("details").get(0).path("message").asString())
                .isEqualTo("missing column fees");
        assertThat(tradeCount()).isZero();
    }

    @Test
    void aSellBeyondHoldingsIs400AndStoresNothing() {
        assertThat(postJson(trade("AAPL", "2026-01-05", "BUY", "10", "t1")).status())
                .isEqualTo(200);
        var oversell = postJson("""
                {"trades": [
                  {"symbol": "MSFT", "tradeDate": "2026-01-06", "side": "BUY", "quantity": 1, "price": 100},
                  {"symbol": "AAPL", "tradeDate": "2026-01-06", "side": "SELL", "quantity": 12, "price": 100}
                ]}""");
        assertThat(oversell.status()).isEqualTo(400);
        assertThat(fields(oversell.json())).containsExactly("trades[1]");
        assertThat(messageOf(oversell.json(), "trades[1]")).contains("AAPL position would be -2 on 2026-01-06");
        assertThat(tradeCount()).isEqualTo(1);

        // a SELL before the BUY that would cover it is also beyond what is held on its date
        var early = postJson(trade("AAPL", "2026-01-02", "SELL", "5", "early"));
        assertThat(early.status()).isEqualTo(400);
        // a backdated SELL that breaks a later SELL
        assertThat(postJson(trade("AAPL", "2026-02-02", "SELL", "10", "t2")).status())
                .isEqualTo(200);
        assertThat(postJson(trade("AAPL", "2026-01-20", "SELL", "1", "t3")).status())
                .isEqualTo(400);
        assertThat(tradeCount()).isEqualTo(2);
    }

    @Test
    void sellingSplitAdjustedSharesIsAllowed() {
        jdbc.update(
                "INSERT INTO split_events (symbol, execution_date, split_from, split_to, fetched_at) VALUES ('NVDA', '2026-01-10', 1, 4, now())");
        assertThat(postJson(trade("NVDA", "2026-01-05", "BUY", "10", "b")).status())
                .isEqualTo(200);
        // 10 shares became 40 on 2026-01-10
        assertThat(postJson(trade("NVDA", "2026-01-12", "SELL", "41", "s0")).status())
                .isEqualTo(400);
        assertThat(postJson(trade("NVDA", "2026-01-12", "SELL", "40", "s1")).status())
                .isEqualTo(200);
    }

    @Test
    void externalIdMakesRepostingANoOp() {
        String body = """
                {"trades": [
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100, "externalId": "x1"},
                  {"symbol": "AAPL", "tradeDate": "2026-01-05", "side": "BUY", "quantity": 10, "price": 100, "externalId": "x1"},
                  {"symbol": "AAPL", "tradeDate": "2026-01-06", "side": "BUY", "quantity": 5, "price": 100, "externalId": "x2"}
                ]}""";
        var first = postJson(body);
        assertThat(first.json().path("data").path("inserted").asInt()).isEqualTo(2);
        assertThat(first.json().path("data").path("duplicates").asInt()).isEqualTo(1);
        var again = postJson(body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("data").path("inserted").asInt()).isZero();
        assertThat(again.json().path("data").path("duplicates").asInt()).isEqualTo(3);
        var csvAgain = postCsv(CSV_HEADER + "AAPL,2026-01-05,BUY,10,100,,x1\n");
        assertThat(csvAgain.json().path("data").path("duplicates").asInt()).isEqualTo(1);
        assertThat(tradeCount()).isEqualTo(2);
    }

    @Test
    void backdatedAndDeletedTradesMarkSnapshotsStale() {
        assertThat(postJson(trade("AAPL", "2026-02-02", "BUY", "10", "a")).status())
                .isEqualTo(200);
        jdbc.update("UPDATE accounts SET snapshots_stale_from = NULL");
        assertThat(postJson(trade("AAPL", "2026-01-15", "BUY", "1", "b")).status())
                .isEqualTo(200);
        assertThat(staleFrom()).isEqualTo(LocalDate.of(2026, 1, 15));

        jdbc.update("UPDATE accounts SET snapshots_stale_from = NULL");
        long id = jdbc.queryForObject("SELECT trade_id FROM trades WHERE external_id = 'a'", Long.class);
        assertThat(http.delete(TRADES + "/" + id, admin()).status()).isEqualTo(204);
        assertThat(staleFrom()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(http.delete(TRADES + "/" + id, admin()).status()).isEqualTo(404);
        assertThat(http.delete(TRADES + "/abc", admin()).status()).isEqualTo(400);
    }

    @Test
    void deletingABuyALaterSellNeedsIs409() {
        assertThat(postJson(trade("AAPL", "2026-01-05", "BUY", "10", "b")).status())
                .isEqualTo(200);
        assertThat(postJson(trade("AAPL", "2026-01-06", "SELL", "10", "s")).status())
                .isEqualTo(200);
        long buy = jdbc.queryForObject("SELECT trade_id FROM trades WHERE external_id = 'b'", Long.class);
        var response = http.delete(TRADES + "/" + buy, admin());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("error").asString()).contains("SELL");
        assertThat(tradeCount()).isEqualTo(2);
    }

    @Test
    void tradesOfAnUnknownAccountAre404() {
        assertThat(http.post("/api/accounts/ghost/trades", trade("AAPL", "2026-01-05", "BUY", "1", null), admin(json()))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/accounts/ghost/trades", admin()).status()).isEqualTo(404);
    }

    @Test
    void wrongContentTypeIs415AndOversizeBodyIs413() {
        assertThat(http.post(TRADES, "x", admin("Content-Type", "application/xml"))
                        .status())
                .isEqualTo(415);
        StringBuilder huge = new StringBuilder(CSV_HEADER);
        while (huge.length() < 6 * 1024 * 1024) {
            huge.append("AAPL,2026-01-05,BUY,10,100,,").append(huge.length()).append('\n');
        }
        var tooLarge = postCsv(huge.toString());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").asString()).contains("exceeds");
    }

    @Test
    void tenThousandCsvTradesImportInOneRequest() {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        List<String> symbols = new ArrayList<>(List.of("AAPL", "MSFT", "NVDA", "BRK.B", "KIMpL"));
        for (int i = 0; i < 10_000; i++) {
            csv.append(symbols.get(i % symbols.size()))
                    .append(",2025-")
                    .append(String.format("%02d-%02d", 1 + i % 12, 1 + i % 28))
                    .append(",BUY,")
                    .append(1 + i % 50)
                    .append(".5,")
                    .append(100 + i % 300)
                    .append(".25,0.1,ext-")
                    .append(i)
                    .append('\n');
        }
        var response = postCsv(csv.toString());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("data").path("inserted").asInt()).isEqualTo(10_000);
        assertThat(tradeCount()).isEqualTo(10_000);
    }

    LocalDate staleFrom() {
        return jdbc.queryForObject(
                "SELECT snapshots_stale_from FROM accounts WHERE account_id = 'acc-1'", LocalDate.class);
    }

    static String trade(String symbol, String date, String side, String quantity, String externalId) {
        return "{\"trades\": [{\"symbol\": \"" + symbol + "\", \"tradeDate\": \"" + date + "\", \"side\": \"" + side
                + "\", \"quantity\": " + quantity + ", \"price\": 100"
                + (externalId == null ? "" : ", \"externalId\": \"" + externalId + "\"") + "}]}";
    }

    static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.path("details").forEach(d -> fields.add(d.path("field").asString()));
        return fields;
    }

    static String messageOf(JsonNode error, String field) {
        for (JsonNode d : error.path("details")) {
            if (d.path("field").asString().equals(field)) {
                return d.path("message").asString();
            }
        }
        return null;
    }
}
