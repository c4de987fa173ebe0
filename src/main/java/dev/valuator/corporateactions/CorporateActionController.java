package dev.valuator.corporateactions;

import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.SuccessBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/corporate-actions}: record, list, delete (admin token). */
@RestController
@RequestMapping("/api/corporate-actions")
class CorporateActionController {

    private final CorporateActionLedger ledger;

    CorporateActionController(CorporateActionLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SuccessBody<RecordedAction> record(@RequestBody(required = false) CorporateActionRequest body) {
        if (body == null) {
            throw new InvalidRequest("body", "must be a JSON object {\"type\", \"symbol\", \"date\", …}");
        }
        return new SuccessBody<>(ledger.record(body));
    }

    @GetMapping
    SuccessBody<List<RecordedAction>> list(@RequestParam(required = false) String symbol) {
        if (symbol != null && !Identifiers.isSymbol(symbol)) {
            throw new InvalidRequest("symbol", Identifiers.SYMBOL_RULE);
        }
        return new SuccessBody<>(ledger.list(symbol));
    }

    @DeleteMapping("/{actionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String actionId) {
        long id;
        try {
            id = Long.parseLong(actionId);
        } catch (NumberFormatException e) {
            throw new InvalidRequest("actionId", "must be an action id (a positive whole number)");
        }
        if (id <= 0) {
            throw new InvalidRequest("actionId", "must be an action id (a positive whole number)");
        }
        ledger.delete(id);
    }
}
