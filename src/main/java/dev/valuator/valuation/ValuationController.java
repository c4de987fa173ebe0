package dev.valuator.valuation;

import dev.valuator.holdings.Accounts;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import dev.valuator.system.SuccessBody;
import java.time.LocalDate;
import java.util.List;
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
    SuccessBody<List<Valuations.Snapshot>> listSnapshots(
            @PathVariable String accountId,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequest("from", "must not be after to");
        }
        requireAccount(accountId);
        return new SuccessBody<>(valuations.snapshots(accountId, from, to));
    }

    @GetMapping("/api/accounts/{accountId}/valuations")
    SuccessBody<Valuations.PositionsOn> getValuations(
            @PathVariable String accountId, @RequestParam(required = false) LocalDate date) {
        requireAccount(accountId);
        LocalDate on =
                date != null ? date : valuations.latestSnapshotDate(accountId).orElse(null);
        List<Valuations.Position> positions = on == null ? List.of() : valuations.positions(accountId, on);
        return new SuccessBody<>(new Valuations.PositionsOn(on, positions));
    }

    private void requireAccount(String accountId) {
        if (!accounts.exists(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
    }
}
