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
        requireWindow(from, to);
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

    @GetMapping("/api/accounts/{accountId}/dividends")
    SuccessBody<List<Valuations.DividendReceived>> listDividends(
            @PathVariable String accountId,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        requireWindow(from, to);
        requireAccount(accountId);
        return new SuccessBody<>(valuations.dividends(accountId, from, to));
    }

    @GetMapping("/api/accounts/{accountId}/performance")
    SuccessBody<Performance.Report> getPerformance(
            @PathVariable String accountId,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        requireWindow(from, to);
        requireAccount(accountId);
        Valuations.SnapshotRange range = valuations
                .snapshotRange(accountId)
                .orElseThrow(() -> new InvalidRequest("from", "the account has no snapshots yet"));
        if (to != null && to.isBefore(range.first())) {
            throw new InvalidRequest("to", "is before the account's first snapshot (" + range.first() + ")");
        }
        if (from != null && from.isAfter(range.latest())) {
            throw new InvalidRequest("from", "is after the account's latest snapshot (" + range.latest() + ")");
        }
        LocalDate start = from == null || from.isBefore(range.first()) ? range.first() : from;
        LocalDate end = to == null || to.isAfter(range.latest()) ? range.latest() : to;
        List<Performance.Session> sessions = valuations.sessions(accountId, start, end);
        if (sessions.isEmpty()) {
            throw new InvalidRequest("from", "no session with a snapshot between from and to");
        }
        return new SuccessBody<>(Performance.of(sessions));
    }

    private void requireAccount(String accountId) {
        if (!accounts.exists(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
    }

    private static void requireWindow(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequest("from", "must not be after to");
        }
    }
}
