package dev.valuator.valuation;

import dev.valuator.holdings.Accounts;
import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the materialized valuations (docs/api.md: snapshots and valuations of an account). */
@RestController
class ValuationController {

    private final Valuations valuations;
    private final Accounts accounts;

    ValuationController(Valuations valuations, Accounts accounts) {
        this.valuations = valuations;
        this.accounts = accounts;
    }

    @GetMapping("/api/accounts/{accountId}/snapshots")
    Map<String, List<Valuations.Snapshot>> snapshots(
            @PathVariable String accountId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidRequest("Invalid request", List.of(new FieldProblem("from", "must not be after to")));
        }
        requireAccount(accountId);
        return Map.of("data", valuations.snapshots(accountId, fromDate, toDate));
    }

    @GetMapping("/api/accounts/{accountId}/valuations")
    Map<String, Valuations.PositionsOn> valuations(
            @PathVariable String accountId, @RequestParam(required = false) String date) {
        LocalDate requested = date("date", date);
        requireAccount(accountId);
        LocalDate on = requested != null
                ? requested
                : valuations.latestSnapshotDate(accountId).orElse(null);
        List<Valuations.Position> positions = on == null ? List.of() : valuations.positions(accountId, on);
        return Map.of("data", new Valuations.PositionsOn(on, positions));
    }

    private void requireAccount(String accountId) {
        if (!accounts.exists(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("Invalid request", List.of(new FieldProblem(field, "must be a date YYYY-MM-DD")));
        }
    }
}
