package dev.valuator.marketdata.dividends;

import dev.valuator.holdings.Accounts;
import dev.valuator.holdings.Trades;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.prices.Dividend;
import dev.valuator.prices.Dividends;
import dev.valuator.system.RunContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Cash dividends of the held symbols, read at most once a day with the fewest calls
 * (docs/valuation.md, "Income and returns"): a symbol not known back to its first trade is read
 * by {@code ticker.any_of} batches from that date (a 2-year backfill of 500 symbols: 5 calls); the
 * daily update of known symbols re-reads the last {@link #LOOKBACK_DAYS} days (late corrections)
 * in one market-wide ex-date-range call when that replaces more than one batch, else by batch.
 * Dividends new or changed mark the history of the accounts that held the symbol stale from
 * their ex-date.
 */
public final class DividendSync {

    /** Symbols per {@code ticker.any_of} request; keeps the URL well below common limits. */
    static final int BATCH = 100;

    /** Days before the last read that the daily update asks again for (corrections, late records). */
    static final int LOOKBACK_DAYS = 7;

    /**
     * The longest ex-date range read market-wide in one call: about 200 US cash dividends go ex
     * on a session, so a page of 5,000 holds a few weeks.
     */
    static final int RANGE_DAYS = 14;

    /** One call of the plan: what it asks for, and which symbols it makes known from which date. */
    public sealed interface Call {
        List<String> symbols();

        LocalDate from();

        /** {@code ticker.any_of} of these symbols, ex-dates from {@code from} on. */
        record Batch(List<String> symbols, LocalDate from) implements Call {}

        /** Every ticker's dividends going ex in {@code [from, to]}, kept for these symbols. */
        record Range(List<String> symbols, LocalDate from, LocalDate to) implements Call {}
    }

    private static final Logger log = LoggerFactory.getLogger(DividendSync.class);

    private final PolygonClient polygon;
    private final Dividends dividends;

    public DividendSync(PolygonClient polygon, Dividends dividends) {
        this.polygon = polygon;
        this.dividends = dividends;
    }

    /**
     * Reads the dividends of the traded symbols (symbol → its first trade date) not read today,
     * each call only while {@code allowsAnother} (the run's budget) says so. A failed call is
     * logged and left to the next run; a rejected key ({@link PolygonFailure.AuthFailed}) is thrown.
     *
     * @return the calls made
     */
    public int readDue(
            RunContext run,
            PolygonSession calls,
            Map<String, LocalDate> firstTrades,
            LocalDate today,
            Instant now,
            BooleanSupplier allowsAnother) {
        if (firstTrades.isEmpty()) {
            return 0;
        }
        List<Call> plan = plan(run.jdbc(), firstTrades, today);
        int made = 0;
        int changed = 0;
        for (Call call : plan) {
            if (!allowsAnother.getAsBoolean()) {
                log.info("Dividends: the run's budget is spent; {} calls are left to the next run", plan.size() - made);
                break;
            }
            made++;
            try {
                changed += read(call, calls, run.jdbc(), run.transactions(), today, now);
            } catch (PolygonFailure.AuthFailed e) {
                throw e;
            } catch (PolygonFailure e) {
                log.warn(
                        "Dividends of {} symbols not fetched (will retry next run): {}",
                        call.symbols().size(),
                        e.getMessage());
            }
        }
        if (made > 0) {
            log.info("Dividends of {} symbols read in {} calls, {} new or changed", symbols(plan), made, changed);
        }
        return made;
    }

    /** The calls that make every symbol's dividends known from its date on, as of {@code today}. */
    public List<Call> plan(JdbcClient db, Map<String, LocalDate> needed, LocalDate today) {
        Map<String, Dividends.Coverage> known = dividends.coverage(db, needed.keySet());
        Map<String, LocalDate> backfill = new TreeMap<>();
        Map<String, LocalDate> update = new TreeMap<>();
        needed.forEach((symbol, from) -> {
            Dividends.Coverage coverage = known.get(symbol);
            if (coverage == null || coverage.coveredFrom().isAfter(from)) {
                backfill.put(symbol, from);
            } else if (coverage.fetchedOn().isBefore(today)) {
                update.put(symbol, coverage.fetchedOn().minusDays(LOOKBACK_DAYS));
            }
        });
        List<Call> calls = new ArrayList<>(batches(backfill));
        if (update.size() > BATCH) {
            LocalDate from =
                    update.values().stream().min(Comparator.naturalOrder()).orElseThrow();
            if (!from.plusDays(RANGE_DAYS).isBefore(today)) {
                calls.add(new Call.Range(List.copyOf(update.keySet()), from, today));
                return calls;
            }
        }
        calls.addAll(batches(update));
        return calls;
    }

    /** Symbols in batches of {@link #BATCH}, the oldest dates together (each batch asks from its oldest). */
    private static List<Call> batches(Map<String, LocalDate> from) {
        List<Map.Entry<String, LocalDate>> ordered = from.entrySet().stream()
                .sorted(Map.Entry.<String, LocalDate>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<Call> calls = new ArrayList<>();
        for (int start = 0; start < ordered.size(); start += BATCH) {
            List<Map.Entry<String, LocalDate>> batch = ordered.subList(start, Math.min(ordered.size(), start + BATCH));
            calls.add(new Call.Batch(
                    batch.stream().map(Map.Entry::getKey).toList(),
                    batch.getFirst().getValue()));
        }
        return calls;
    }

    /**
     * Makes one call and stores its answer: the dividends of the call's symbols, their coverage,
     * and the stale marks of the accounts whose history a new or changed dividend touches.
     *
     * @return the dividends new or changed
     * @throws PolygonFailure when Polygon cannot answer; nothing is stored then
     */
    int read(
            Call call,
            PolygonSession calls,
            JdbcClient db,
            TransactionOperations transactions,
            LocalDate today,
            Instant now) {
        List<Dividend> answer = switch (call) {
            case Call.Batch batch -> polygon.dividends(batch.symbols(), batch.from(), calls);
            case Call.Range range -> polygon.dividendsBetween(range.from(), range.to(), calls);
        };
        Set<String> wanted = new HashSet<>(call.symbols());
        List<Dividend> relevant =
                answer.stream().filter(d -> wanted.contains(d.symbol())).toList();
        return transactions.execute(tx -> {
            List<Dividend> changed = dividends.upsert(db, relevant, now);
            dividends.recordFetched(db, call.symbols(), call.from(), today, now);
            List<Dividend> past =
                    changed.stream().filter(d -> !d.exDate().isAfter(today)).toList();
            if (!past.isEmpty()) {
                Accounts.markStale(
                        db,
                        Trades.tradedBefore(
                                db,
                                past.stream().map(Dividend::symbol).toList(),
                                past.stream().map(Dividend::exDate).toList()));
            }
            return changed.size();
        });
    }

    private static int symbols(Collection<Call> calls) {
        return calls.stream().mapToInt(c -> c.symbols().size()).sum();
    }
}
