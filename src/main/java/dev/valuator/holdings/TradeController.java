package dev.valuator.holdings;

import dev.valuator.system.ApiError;
import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import dev.valuator.system.SuccessBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/accounts/{accountId}/trades}: import (JSON or CSV), list, delete. */
@RestController
@RequestMapping("/api/accounts/{accountId}/trades")
class TradeController {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final Ledger ledger;
    private final Trades trades;
    private final Accounts accounts;
    private final SplitSource splits;
    private final AccountValuer valuer;
    private final Clock clock;

    TradeController(
            Ledger ledger, Trades trades, Accounts accounts, SplitSource splits, AccountValuer valuer, Clock clock) {
        this.ledger = ledger;
        this.trades = trades;
        this.accounts = accounts;
        this.splits = splits;
        this.valuer = valuer;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SuccessBody<Ledger.ImportResult> importTrades(@PathVariable String accountId, @RequestBody JsonNode body) {
        Identifiers.requireAccountId("accountId", accountId);
        return new SuccessBody<>(importUpload(accountId, JsonTrades.read(body, today())));
    }

    @PostMapping(consumes = "text/csv")
    SuccessBody<Ledger.ImportResult> importTradesCsv(@PathVariable String accountId, HttpServletRequest request)
            throws IOException {
        Identifiers.requireAccountId("accountId", accountId);
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding("UTF-8");
        }
        return new SuccessBody<>(importUpload(accountId, CsvTrades.read(request.getReader(), today())));
    }

    @GetMapping
    SuccessBody<List<Trade>> listTrades(@PathVariable String accountId) {
        Identifiers.requireAccountId("accountId", accountId);
        if (!accounts.exists(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
        return new SuccessBody<>(trades.list(accountId));
    }

    @DeleteMapping("/{tradeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTrade(@PathVariable String accountId, @PathVariable String tradeId) {
        Identifiers.requireAccountId("accountId", accountId);
        long id;
        try {
            id = Long.parseLong(tradeId);
        } catch (NumberFormatException e) {
            throw new InvalidRequest("tradeId", "must be a trade id (a positive whole number)");
        }
        if (id <= 0) {
            throw new InvalidRequest("tradeId", "must be a trade id (a positive whole number)");
        }
        ledger.delete(accountId, id);
    }

    /**
     * Learns the splits of the symbols the upload sells (a network call, so outside the ledger's
     * transaction; a BUY can never oversell, so an upload without SELLs needs no provider),
     * records the upload, then values the account if no refresh is running.
     */
    private Ledger.ImportResult importUpload(String accountId, List<NewTrade> upload) {
        if (!accounts.exists(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
        splits.learn(upload.stream()
                .filter(t -> t.terms().side() == Side.SELL)
                .map(t -> t.terms().symbol())
                .collect(Collectors.toCollection(TreeSet::new)));
        Ledger.ImportResult result = ledger.record(accountId, upload);
        return result.inserted() == 0 ? result : result.valued(valuer.valueNow(accountId));
    }

    @ExceptionHandler(SplitsUnavailable.class)
    ResponseEntity<ApiError> splitsUnavailable(SplitsUnavailable e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(ApiError.of(e.getMessage()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), NEW_YORK);
    }
}
