package dev.valuator.holdings;

import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.ConflictingState;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to an account's trade ledger: all-or-nothing imports and deletions that never leave a
 * position negative, each recording that the account's snapshots are stale from the earliest
 * date it touched.
 */
@Service
public class Ledger {

    private final Accounts accounts;
    private final Trades trades;
    private final SplitSource splits;
    private final Clock clock;

    Ledger(Accounts accounts, Trades trades, SplitSource splits, Clock clock) {
        this.accounts = accounts;
        this.trades = trades;
        this.splits = splits;
        this.clock = clock;
    }

    /**
     * The result of an import.
     *
     * @param inserted trades recorded
     * @param duplicates trades skipped because their externalId was already recorded (or repeated in the upload)
     * @param valued whether the account was valued within the import (false: the running or next refresh does it)
     */
    public record ImportResult(int inserted, int duplicates, boolean valued) {

        ImportResult valued(boolean now) {
            return new ImportResult(inserted, duplicates, now);
        }
    }

    @Transactional
    public ImportResult record(String accountId, List<NewTrade> upload) {
        if (!accounts.lock(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
        int inserted = trades.insert(accountId, upload, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (inserted > 0) {
            Set<String> symbols =
                    upload.stream().map(t -> t.terms().symbol()).collect(Collectors.toCollection(TreeSet::new));
            List<Trades.Oversold> oversold = trades.oversold(accountId, splits.lineage(symbols));
            if (!oversold.isEmpty()) {
                throw oversoldError(upload, oversold);
            }
            accounts.markStale(
                    accountId,
                    upload.stream()
                            .map(t -> t.terms().tradeDate())
                            .min(Comparator.naturalOrder())
                            .orElseThrow());
        }
        return new ImportResult(inserted, upload.size() - inserted, false);
    }

    @Transactional
    public void delete(String accountId, long tradeId) {
        if (!accounts.lock(accountId)) {
            throw new NotFound("Account " + accountId + " not found");
        }
        Trade removed = trades.delete(accountId, tradeId)
                .orElseThrow(() -> new NotFound("Trade " + tradeId + " not found in account " + accountId));
        List<Trades.Oversold> oversold = trades.oversold(
                accountId, splits.lineage(List.of(removed.terms().symbol())));
        if (!oversold.isEmpty()) {
            Trades.Oversold first = oversold.getFirst();
            throw new ConflictingState("Deleting trade " + tradeId + " would leave " + first.symbol() + " at "
                    + first.held().toPlainString() + " shares on " + first.date()
                    + ": a later SELL would exceed the quantity held; delete that SELL first");
        }
        accounts.markStale(accountId, removed.terms().tradeDate());
    }

    private static InvalidRequest oversoldError(List<NewTrade> upload, List<Trades.Oversold> oversold) {
        List<FieldProblem> details = new ArrayList<>();
        for (Trades.Oversold o : oversold.stream()
                .collect(Collectors.toMap(Trades.Oversold::symbol, o -> o, (a, b) -> a))
                .values()) {
            String message = "SELL exceeds the quantity held: " + o.symbol() + " position would be "
                    + o.held().stripTrailingZeros().toPlainString() + " on " + o.date();
            List<NewTrade> culprits = upload.stream()
                    .filter(t -> t.terms().side() == Side.SELL
                            && t.terms().symbol().equals(o.symbol())
                            && !t.terms().tradeDate().isAfter(o.date()))
                    .toList();
            if (culprits.isEmpty()) {
                details.add(new FieldProblem(o.symbol(), message));
            }
            culprits.forEach(t -> details.add(new FieldProblem(t.row(), message)));
        }
        return new InvalidRequest("SELL beyond holdings: nothing was stored", details);
    }
}
