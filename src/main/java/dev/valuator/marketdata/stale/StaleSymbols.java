package dev.valuator.marketdata.stale;

import dev.valuator.corporateactions.CorporateActionLedger;
import dev.valuator.holdings.Trades;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.marketdata.polygon.ReferenceTicker;
import dev.valuator.marketdata.polygon.TickerEventsAnswer;
import dev.valuator.prices.CorporateAction;
import dev.valuator.prices.CorporateActions;
import dev.valuator.prices.Prices;
import dev.valuator.system.ConflictingState;
import dev.valuator.system.InvalidRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Held symbols that stopped trading, and what the provider says happened to them. A held symbol
 * without a close for {@link #MISSING_SESSIONS} sessions the market was open (and the run fetched)
 * is asked about once: its delisted listing ({@code v3/reference/tickers?active=false}: composite
 * FIGI, {@code delisted_utc}), then that FIGI's ticker changes ({@code vX/reference/tickers/{figi}/events}).
 * At most {@link #MAX_CALLS} calls per symbol, each paced and counted in the run's budget; an
 * answered symbol is never asked again. A change found is recorded as a PROVIDER action.
 *
 * <p>It also extends a run's scope along the recorded actions: a symbol's successor is priced
 * from the action's date, and the old symbol is not asked for after it.
 */
@Component
public class StaleSymbols {

    private static final Logger log = LoggerFactory.getLogger(StaleSymbols.class);

    /** Sessions without a close after which a held symbol is asked about ("a few"). */
    static final int MISSING_SESSIONS = 3;
    /** The most provider calls one symbol's inquiry may take, retries of failed ones included. */
    static final int MAX_CALLS = 4;

    private final PolygonClient polygon;
    private final Prices prices;
    private final SymbolInquiries inquiries;
    private final CorporateActions actions;
    private final CorporateActionLedger ledger;

    StaleSymbols(
            PolygonClient polygon,
            Prices prices,
            SymbolInquiries inquiries,
            CorporateActions actions,
            CorporateActionLedger ledger) {
        this.polygon = polygon;
        this.prices = prices;
        this.inquiries = inquiries;
        this.actions = actions;
        this.ledger = ledger;
    }

    /**
     * Adds each in-scope symbol's successors (through recorded actions) from the action's date,
     * and returns, per symbol that an action ended, the first date it is no longer needed.
     */
    public Map<String, LocalDate> followActions(JdbcClient db, Map<String, LocalDate> firstDates) {
        Map<String, LocalDate> ends = new TreeMap<>();
        List<CorporateAction> all = actions.list(db, null);
        boolean grew = true;
        for (int depth = 0; grew && depth < 16; depth++) {
            grew = false;
            for (CorporateAction action : all) {
                LocalDate first = firstDates.get(action.symbol());
                if (first == null) {
                    continue;
                }
                ends.put(action.symbol(), action.date());
                if (action.newSymbol() != null) {
                    LocalDate from = first.isAfter(action.date()) ? first : action.date();
                    LocalDate known = firstDates.get(action.newSymbol());
                    if (known == null || from.isBefore(known)) {
                        firstDates.put(action.newSymbol(), from);
                        grew = true;
                    }
                }
            }
        }
        return ends;
    }

    /**
     * Asks the provider about the held symbols of the run's scope without a close for a few
     * sessions through {@code through}, while {@code budget} allows another call.
     *
     * @return the actions recorded from its answers
     */
    public List<CorporateAction> inquire(
            JdbcClient db,
            PolygonSession calls,
            TradingCalendar sessions,
            LocalDate through,
            Set<String> scope,
            Set<String> unanswered,
            BooleanSupplier budget,
            Instant now) {
        Set<String> held = Trades.heldSymbols(db);
        held.retainAll(scope);
        actions.list(db, null).forEach(a -> held.remove(a.symbol()));
        held.removeAll(unanswered);
        if (held.isEmpty()) {
            return List.of();
        }
        Map<String, SymbolInquiries.Inquiry> known = inquiries.of(db, held);
        List<CorporateAction> found = new ArrayList<>();
        for (Map.Entry<String, LocalDate> last : prices.lastCloses(db, held).entrySet()) {
            LocalDate lastClose = last.getValue();
            List<LocalDate> missed = lastClose.isBefore(through)
                    ? sessions.tradingDaysBetween(lastClose.plusDays(1), through)
                    : List.of();
            SymbolInquiries.Inquiry inquiry = known.get(last.getKey());
            if (missed.size() < MISSING_SESSIONS
                    || (inquiry != null && (inquiry.answered() || inquiry.calls() >= MAX_CALLS))) {
                continue;
            }
            if (!budget.getAsBoolean()) {
                break;
            }
            SymbolInquiries.Inquiry start = inquiry != null
                    ? inquiry
                    : new SymbolInquiries.Inquiry(
                            last.getKey(), missed.getFirst(), null, null, null, null, null, 0, false, now);
            ask(db, calls, start, lastClose, through, budget, now).ifPresent(found::add);
        }
        return found;
    }

    private Optional<CorporateAction> ask(
            JdbcClient db,
            PolygonSession calls,
            SymbolInquiries.Inquiry inquiry,
            LocalDate lastClose,
            LocalDate through,
            BooleanSupplier budget,
            Instant now) {
        String symbol = inquiry.symbol();
        int before = calls.calls();
        String figi = inquiry.compositeFigi();
        Boolean active = inquiry.active();
        LocalDate delistedOn = inquiry.delistedOn();
        TickerEventsAnswer.TickerChange change = null;
        boolean answered = false;
        try {
            if (figi == null) {
                Optional<ReferenceTicker> listing = polygon.delistedTickers(symbol, calls).stream()
                        .filter(t -> symbol.equals(t.ticker()))
                        .max(Comparator.comparing(
                                ReferenceTicker::delistedOn, Comparator.nullsFirst(Comparator.naturalOrder())));
                if (listing.isEmpty() || listing.get().compositeFigi() == null) {
                    // no delisted listing: as far as the provider knows, the symbol still trades
                    active = listing.isEmpty() ? Boolean.TRUE : Boolean.FALSE;
                    delistedOn = listing.map(ReferenceTicker::delistedOn).orElse(null);
                    answered = true;
                } else {
                    figi = listing.get().compositeFigi();
                    active = Boolean.FALSE;
                    delistedOn = listing.get().delistedOn();
                }
            }
            if (!answered && budget.getAsBoolean()) {
                change = polygon.tickerChanges(figi, calls).stream()
                        .filter(c -> !c.ticker().equals(symbol)
                                && c.date().isAfter(lastClose)
                                && !c.date().isAfter(through))
                        .min(Comparator.comparing(TickerEventsAnswer.TickerChange::date))
                        .orElse(null);
                answered = true;
            }
        } catch (PolygonFailure e) {
            log.warn(
                    "Provider not asked to the end about {}, which has no close since {} (next run goes on): {}",
                    symbol,
                    lastClose,
                    e.getMessage());
        }
        Optional<CorporateAction> recorded = Optional.empty();
        if (change != null) {
            recorded = record(db, symbol, change, now);
        }
        inquiries.save(
                db,
                new SymbolInquiries.Inquiry(
                        symbol,
                        inquiry.missingSince(),
                        figi,
                        active,
                        delistedOn,
                        change == null ? null : change.ticker(),
                        change == null ? null : change.date(),
                        inquiry.calls() + calls.calls() - before,
                        answered,
                        now));
        log.info(
                "Asked the provider about {} (no close since {}): {} calls, delisted {}, {}",
                symbol,
                lastClose,
                calls.calls() - before,
                delistedOn,
                change == null ? "no ticker change" : "became " + change.ticker() + " on " + change.date());
        return recorded;
    }

    private Optional<CorporateAction> record(
            JdbcClient db, String symbol, TickerEventsAnswer.TickerChange change, Instant now) {
        CorporateAction action = new CorporateAction(
                0,
                CorporateAction.Type.TICKER_CHANGE,
                symbol,
                change.ticker(),
                change.date(),
                BigDecimal.ONE,
                BigDecimal.ZERO,
                CorporateAction.Source.PROVIDER,
                now);
        try {
            return ledger.recordLearned(db, action);
        } catch (ConflictingState | InvalidRequest e) {
            log.warn(
                    "The provider says {} became {} on {}, but that was not recorded: {}",
                    symbol,
                    change.ticker(),
                    change.date(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
