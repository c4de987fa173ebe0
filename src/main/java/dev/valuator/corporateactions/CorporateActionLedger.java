package dev.valuator.corporateactions;

import dev.valuator.holdings.Accounts;
import dev.valuator.holdings.Trades;
import dev.valuator.prices.CorporateAction;
import dev.valuator.prices.CorporateAction.Source;
import dev.valuator.prices.CorporateAction.Type;
import dev.valuator.prices.CorporateActions;
import dev.valuator.system.ApiError.FieldProblem;
import dev.valuator.system.ConflictingState;
import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the corporate actions: each one checked like a trade (400 for an invalid action, 409
 * for one that contradicts a recorded action or the ledger; nothing changes then), and every
 * account holding the symbol marked stale from the action's date, so the next refresh restates
 * its snapshots. Provider-learned actions pass the same checks on the run's connection.
 */
@Service
public class CorporateActionLedger {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate EPOCH = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private final CorporateActions actions;
    private final JdbcClient jdbc;
    private final Clock clock;

    CorporateActionLedger(CorporateActions actions, JdbcClient jdbc, Clock clock) {
        this.actions = actions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public RecordedAction record(CorporateActionRequest request) {
        CorporateAction action = valid(request);
        checkAgainstRecorded(jdbc, action);
        CorporateAction stored = actions.insert(action)
                .orElseThrow(() -> new ConflictingState(action.symbol() + " already has a corporate action"));
        return RecordedAction.of(stored, markStale(jdbc, stored));
    }

    @Transactional(readOnly = true)
    public List<RecordedAction> list(String symbol) {
        return actions.list(symbol).stream()
                .map(a -> RecordedAction.of(a, null))
                .toList();
    }

    @Transactional
    public void delete(long actionId) {
        CorporateAction removed =
                actions.delete(actionId).orElseThrow(() -> new NotFound("Corporate action " + actionId + " not found"));
        markStale(jdbc, removed);
    }

    /**
     * Records what the provider said happened, on the run's connection, when it contradicts
     * nothing recorded; the affected accounts are marked stale from its date.
     *
     * @return the stored action, or empty when it was not recorded (and why is logged by the caller)
     * @throws ConflictingState when it contradicts a recorded action or the ledger
     */
    public Optional<CorporateAction> recordLearned(JdbcClient run, CorporateAction learned) {
        checkAgainstRecorded(run, learned);
        Optional<CorporateAction> stored = actions.insert(run, learned);
        stored.ifPresent(a -> markStale(run, a));
        return stored;
    }

    /** The action the request describes, or a 400 naming every problem. */
    private CorporateAction valid(CorporateActionRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        Type type = null;
        if (r.type() == null) {
            problems.add(new FieldProblem("type", "is required: TICKER_CHANGE, STOCK_MERGER or CASH_OUT"));
        } else {
            try {
                type = Type.valueOf(r.type());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("type", "must be TICKER_CHANGE, STOCK_MERGER or CASH_OUT"));
            }
        }
        if (r.symbol() == null) {
            problems.add(new FieldProblem("symbol", "is required"));
        } else if (!Identifiers.isSymbol(r.symbol())) {
            problems.add(new FieldProblem("symbol", Identifiers.SYMBOL_RULE));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), NEW_YORK);
        if (r.date() == null) {
            problems.add(new FieldProblem("date", "is required (YYYY-MM-DD)"));
        } else if (r.date().isAfter(today)) {
            problems.add(new FieldProblem("date", "must not be in the future (today is " + today + " in New York)"));
        } else if (r.date().isBefore(EPOCH)) {
            problems.add(new FieldProblem("date", "must not be before " + EPOCH));
        }
        if (type != null) {
            checkTerms(type, r, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest("Invalid corporate action: nothing was stored", problems);
        }
        boolean merger = type == Type.STOCK_MERGER;
        return new CorporateAction(
                0,
                type,
                r.symbol(),
                type == Type.CASH_OUT ? null : r.newSymbol(),
                r.date(),
                merger ? r.ratio().stripTrailingZeros() : BigDecimal.ONE,
                r.cashPerShare() == null ? BigDecimal.ZERO : r.cashPerShare().stripTrailingZeros(),
                Source.MANUAL,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void checkTerms(Type type, CorporateActionRequest r, List<FieldProblem> problems) {
        if (type == Type.CASH_OUT) {
            if (r.newSymbol() != null) {
                problems.add(
                        new FieldProblem("newSymbol", "must be absent for a CASH_OUT (the shares leave the account)"));
            }
        } else if (r.newSymbol() == null) {
            problems.add(new FieldProblem("newSymbol", "is required for a " + type));
        } else if (!Identifiers.isSymbol(r.newSymbol())) {
            problems.add(new FieldProblem("newSymbol", Identifiers.SYMBOL_RULE));
        } else if (r.newSymbol().equals(r.symbol())) {
            problems.add(new FieldProblem("newSymbol", "must differ from symbol"));
        }
        if (type == Type.STOCK_MERGER) {
            if (r.ratio() == null) {
                problems.add(new FieldProblem("ratio", "is required for a STOCK_MERGER: new shares per old share"));
            } else if (r.ratio().signum() <= 0) {
                problems.add(new FieldProblem("ratio", "must be greater than 0"));
            }
        } else if (r.ratio() != null) {
            problems.add(new FieldProblem("ratio", "applies to a STOCK_MERGER only"));
        }
        if (type == Type.TICKER_CHANGE && r.cashPerShare() != null) {
            problems.add(new FieldProblem("cashPerShare", "does not apply to a TICKER_CHANGE"));
        } else if (type == Type.CASH_OUT && r.cashPerShare() == null) {
            problems.add(
                    new FieldProblem("cashPerShare", "is required for a CASH_OUT: the price every share leaves at"));
        } else if (r.cashPerShare() != null && r.cashPerShare().signum() <= 0) {
            problems.add(new FieldProblem("cashPerShare", "must be greater than 0"));
        }
    }

    /**
     * A symbol changes at most once on a date (400); an action on a symbol that already left, whose
     * new symbol already left, or that the symbol's own arrival postdates, contradicts the recorded
     * ones, and so does a ledger it cannot apply to (409).
     */
    private void checkAgainstRecorded(JdbcClient db, CorporateAction action) {
        Optional<CorporateAction> existing = actions.of(action.symbol());
        if (existing.isPresent()) {
            CorporateAction other = existing.get();
            if (other.date().equals(action.date())) {
                throw new InvalidRequest(
                        "Invalid corporate action: nothing was stored",
                        List.of(new FieldProblem(
                                "symbol",
                                action.symbol() + " already has a " + other.type() + " on " + other.date()
                                        + " (action " + other.actionId() + "): a symbol changes at most once on a"
                                        + " date")));
            }
            throw new ConflictingState(action.symbol() + " already " + describe(other) + " (action " + other.actionId()
                    + "); delete that action first or record this one for the symbol it became");
        }
        for (CorporateAction arrival : actions.into(action.symbol())) {
            if (!arrival.date().isBefore(action.date())) {
                throw new ConflictingState(action.symbol() + " only exists from " + arrival.date() + " (action "
                        + arrival.actionId() + ": " + arrival.symbol() + " " + describe(arrival)
                        + "); an action on it dated " + action.date() + " contradicts that");
            }
        }
        if (action.newSymbol() == null) {
            refuseTradesFromTheDate(db, action);
            return;
        }
        Optional<CorporateAction> target = actions.of(action.newSymbol());
        if (target.isPresent() && !target.get().date().isAfter(action.date())) {
            throw new ConflictingState(action.newSymbol() + " already " + describe(target.get()) + " (action "
                    + target.get().actionId() + "), before " + action.symbol() + " would become it");
        }
        if (actions.becoming(db, action.symbol()).contains(action.newSymbol())) {
            throw new ConflictingState(action.newSymbol() + " already became " + action.symbol()
                    + " through recorded actions: a symbol cannot become itself");
        }
        List<String> holders = Trades.accountsTrading(
                db,
                actions.becoming(db, action.newSymbol()),
                EPOCH,
                action.date().minusDays(1));
        if (!holders.isEmpty()) {
            throw new ConflictingState("Account " + holders.getFirst()
                    + (holders.size() > 1 ? " (and " + (holders.size() - 1) + " more)" : "") + " traded "
                    + action.newSymbol() + " before " + action.date()
                    + ": merging two positions is not supported; record a CASH_OUT of " + action.symbol()
                    + " and a BUY of " + action.newSymbol() + " instead");
        }
        if (action.type() == Type.STOCK_MERGER) {
            refuseTradesFromTheDate(db, action);
        }
    }

    /** After a merger or cash-out the old symbol no longer trades: a trade of it from that date is a contradiction. */
    private static void refuseTradesFromTheDate(JdbcClient db, CorporateAction action) {
        List<String> traders = Trades.accountsTrading(db, List.of(action.symbol()), action.date(), LAST_DATE);
        if (!traders.isEmpty()) {
            throw new ConflictingState("Account " + traders.getFirst() + " has trades of " + action.symbol()
                    + " on or after " + action.date() + ", when the " + action.type()
                    + " leaves no shares of it: delete those trades first");
        }
    }

    private static String describe(CorporateAction action) {
        return switch (action.type()) {
            case TICKER_CHANGE -> "became " + action.newSymbol() + " on " + action.date();
            case STOCK_MERGER -> "merged into " + action.newSymbol() + " on " + action.date();
            case CASH_OUT -> "was cashed out on " + action.date();
        };
    }

    /** Marks every account that traded the symbol (under any of its names) stale from the action's date. */
    private int markStale(JdbcClient db, CorporateAction action) {
        TreeSet<String> names = new TreeSet<>(actions.becoming(db, action.symbol()));
        List<String> holders = Trades.accountsTrading(db, names, EPOCH, action.date());
        TreeSet<String> affected = new TreeSet<>(holders);
        if (action.newSymbol() != null) {
            names.add(action.newSymbol());
        }
        affected.addAll(Trades.accountsTrading(db, names, action.date(), LAST_DATE));
        Instant now = clock.instant();
        Accounts.markStale(db, affected, action.date(), now);
        return holders.size();
    }
}
