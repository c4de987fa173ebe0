package dev.valuator.corporateactions;

import static dev.valuator.support.Http.admin;
import static dev.valuator.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.Http;
import dev.valuator.support.RunningService;
import dev.valuator.support.ValuatorTest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/corporate-actions}: validated like trades — clear 400s and 409s that change nothing. */
@ValuatorTest
class CorporateActionsApiTests extends RunningService {

    static final String ACTIONS = "/api/corporate-actions";

    @BeforeEach
    void anAccountHoldingFacebook() {
        clock.set(Instant.parse("2026-03-02T15:00:00Z")); // Monday 10:00 New York
        http.put("/api/accounts/acc", "{\"name\":\"Main\"}", admin(json()));
        jdbc.update("""
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)
                VALUES ('acc', 'FB', '2022-01-03', 'BUY', 10, 338.54, now()),
                       ('acc', 'AVGO', '2023-01-03', 'BUY', 1, 560, now())""");
    }

    Http.Response post(String body) {
        return http.post(ACTIONS, body, admin(json()));
    }

    long actions() {
        return jdbc.queryForObject("SELECT count(*) FROM corporate_actions", Long.class);
    }

    LocalDate staleFrom() {
        return jdbc.queryForObject(
                "SELECT snapshots_stale_from FROM accounts WHERE account_id = 'acc'", LocalDate.class);
    }

    @Test
    void recordsListsAndDeletesAnAction() {
        Http.Response created = post("""
                {"type": "TICKER_CHANGE", "symbol": "FB", "newSymbol": "META", "date": "2022-06-09"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(data.get("actionId").asLong()).isPositive();
        assertThat(data.get("type").asString()).isEqualTo("TICKER_CHANGE");
        assertThat(data.get("symbol").asString()).isEqualTo("FB");
        assertThat(data.get("newSymbol").asString()).isEqualTo("META");
        assertThat(data.get("date").asString()).isEqualTo("2022-06-09");
        assertThat(data.get("ratio").decimalValue()).isEqualByComparingTo("1");
        assertThat(data.get("source").asString()).isEqualTo("MANUAL");
        assertThat(data.get("accountsAffected").asInt()).isEqualTo(1);
        assertThat(staleFrom()).isEqualTo(LocalDate.of(2022, 6, 9));

        JsonNode listed = http.get(ACTIONS + "?symbol=META", admin()).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("symbol").asString()).isEqualTo("FB");
        assertThat(listed.get(0).has("accountsAffected")).isFalse();
        assertThat(http.get(ACTIONS + "?symbol=AAPL", admin()).json().get("data"))
                .isEmpty();

        jdbc.update("UPDATE accounts SET snapshots_stale_from = NULL");
        long id = data.get("actionId").asLong();
        assertThat(http.delete(ACTIONS + "/" + id, admin()).status()).isEqualTo(204);
        assertThat(actions()).isZero();
        assertThat(staleFrom()).isEqualTo(LocalDate.of(2022, 6, 9));
        assertThat(http.delete(ACTIONS + "/" + id, admin()).status()).isEqualTo(404);
        assertThat(http.delete(ACTIONS + "/abc", admin()).status()).isEqualTo(400);
    }

    @Test
    void invalidActionsAreRefusedWithEveryProblemNamed() {
        assertInvalid("{\"type\": \"SPIN_OFF\", \"symbol\": \"FB\", \"date\": \"2022-06-09\"}", "type");
        assertInvalid("{\"type\": \"TICKER_CHANGE\", \"symbol\": \"FB\", \"date\": \"2022-06-09\"}", "newSymbol");
        assertInvalid(
                "{\"type\": \"TICKER_CHANGE\", \"symbol\": \"FB\", \"newSymbol\": \"FB\", \"date\": \"2022-06-09\"}",
                "newSymbol");
        assertInvalid(
                "{\"type\": \"STOCK_MERGER\", \"symbol\": \"VMW\", \"newSymbol\": \"AVGO\", \"date\": \"2023-11-22\","
                        + " \"ratio\": 0}",
                "ratio");
        assertInvalid(
                "{\"type\": \"STOCK_MERGER\", \"symbol\": \"VMW\", \"newSymbol\": \"AVGO\", \"date\": \"2023-11-22\","
                        + " \"ratio\": -0.252}",
                "ratio");
        assertInvalid("{\"type\": \"CASH_OUT\", \"symbol\": \"TWTR\", \"date\": \"2022-10-28\"}", "cashPerShare");
        assertInvalid(
                "{\"type\": \"CASH_OUT\", \"symbol\": \"TWTR\", \"date\": \"2026-03-03\", \"cashPerShare\": 55}",
                "date");
        assertInvalid(
                "{\"type\": \"TICKER_CHANGE\", \"symbol\": \"fb\", \"newSymbol\": \"META\", \"date\": \"2022-06-09\"}",
                "symbol");
        // unknown fields and malformed dates are refused like everywhere else
        assertThat(post("{\"type\": \"CASH_OUT\", \"symbol\": \"X\", \"date\": \"2022-10-28\", \"cashPerShare\": 5,"
                                + " \"price\": 5}")
                        .status())
                .isEqualTo(400);
        assertThat(post("{\"type\": \"CASH_OUT\", \"symbol\": \"X\", \"date\": \"2022-02-30\", \"cashPerShare\": 5}")
                        .status())
                .isEqualTo(400);
        assertThat(actions()).isZero();
        assertThat(staleFrom()).isNull();
    }

    @Test
    void aSymbolChangedTwiceOnOneDateIsInvalidAndAContradictionIsAConflict() {
        assertThat(post("""
                        {"type": "TICKER_CHANGE", "symbol": "FB", "newSymbol": "META", "date": "2022-06-09"}""").status()).isEqualTo(201);
        jdbc.update("UPDATE accounts SET snapshots_stale_from = NULL");

        assertInvalid(
                "{\"type\": \"TICKER_CHANGE\", \"symbol\": \"FB\", \"newSymbol\": \"FBX\", \"date\": \"2022-06-09\"}",
                "symbol");
        // FB is gone after its change: a later action on it contradicts the recorded one
        assertConflict(
                "{\"type\": \"CASH_OUT\", \"symbol\": \"FB\", \"date\": \"2023-01-03\", \"cashPerShare\": 100}",
                "FB already became META on 2022-06-09");
        // META only exists from 2022-06-09
        assertConflict(
                "{\"type\": \"CASH_OUT\", \"symbol\": \"META\", \"date\": \"2022-01-03\", \"cashPerShare\": 100}",
                "META only exists from 2022-06-09");
        // nor can a symbol become one that is already gone
        assertConflict(
                "{\"type\": \"TICKER_CHANGE\", \"symbol\": \"META\", \"newSymbol\": \"FB\", \"date\": \"2023-01-03\"}",
                "FB already became META on 2022-06-09 (action 1), before META would become it");
        // merging into a symbol the account already traded before is not supported
        assertConflict(
                "{\"type\": \"STOCK_MERGER\", \"symbol\": \"META\", \"newSymbol\": \"AVGO\", \"date\": \"2024-01-03\","
                        + " \"ratio\": 2}",
                "Account acc traded AVGO before 2024-01-03");
        assertThat(actions()).isEqualTo(1);
        assertThat(staleFrom()).isNull();
    }

    @Test
    void aSellUnderTheNewSymbolIsJudgedAgainstTheWholePosition() {
        assertThat(post("""
                        {"type": "TICKER_CHANGE", "symbol": "FB", "newSymbol": "META", "date": "2022-06-09"}""").status()).isEqualTo(201);
        // 10 FB bought before the change: 6 sold as META, then 4 as FB after it, empty the position
        Http.Response sold = http.post("/api/accounts/acc/trades", """
                {"trades": [{"symbol": "META", "tradeDate": "2022-07-01", "side": "SELL", "quantity": 6, "price": 160}]}""", admin(json()));
        assertThat(sold.status()).as(sold.body()).isEqualTo(200);
        sold = http.post("/api/accounts/acc/trades", """
                {"trades": [{"symbol": "FB", "tradeDate": "2022-07-05", "side": "SELL", "quantity": 4, "price": 161}]}""", admin(json()));
        assertThat(sold.status()).as(sold.body()).isEqualTo(200);
        // one more share is more than the position holds
        Http.Response oversold = http.post("/api/accounts/acc/trades", """
                {"trades": [{"symbol": "META", "tradeDate": "2022-07-06", "side": "SELL", "quantity": 1, "price": 162}]}""", admin(json()));
        assertThat(oversold.status()).as(oversold.body()).isEqualTo(400);
        assertThat(oversold.body()).contains("SELL exceeds the quantity held: META");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trades WHERE side = 'SELL'", Long.class))
                .isEqualTo(2);
    }

    @Test
    void needsTheAdminToken() {
        assertThat(http.get(ACTIONS).status()).isEqualTo(401);
        assertThat(http.post(ACTIONS, "{}", json()).status()).isEqualTo(401);
        assertThat(http.delete(ACTIONS + "/1").status()).isEqualTo(401);
    }

    private void assertInvalid(String body, String field) {
        Http.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("details").findValuesAsString("field"))
                .as(response.body())
                .contains(field);
    }

    private void assertConflict(String body, String message) {
        Http.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json().get("error").asString()).contains(message);
    }
}
