package dev.valuator.marketdata;

import dev.valuator.marketdata.FetchPlanner.DateRange;
import dev.valuator.marketdata.FetchPlanner.FetchPlan;
import dev.valuator.marketdata.PriceSummary.SymbolFailure;
import dev.valuator.prices.DailyBar;
import dev.valuator.prices.FreshnessMarks;
import dev.valuator.prices.Prices;
import dev.valuator.prices.SplitEvent;
import dev.valuator.prices.SplitEvents;
import dev.valuator.system.RunContext;
import dev.valuator.system.RunProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The price phase of a refresh: works out which end-of-day bars the valuations need and do not
 * have, fetches them with the fewest calls ({@link FetchPlanner}), and stores them unadjusted,
 * together with splits and market closures. Every write goes through the run's connection.
 */
@Component
public class PricePhase {

    private static final Logger log = LoggerFactory.getLogger(PricePhase.class);

    /** Symbols per splits request ({@code ticker.any_of}); keeps the URL well below common limits. */
    static final int SPLIT_BATCH = 100;

    static final String UPCOMING = "marketstatus.upcoming";

    private final PolygonProperties properties;
    private final PolygonClient polygon;
    private final TradingCalendar calendar;
    private final MarketClosures closures;
    private final FetchCoverage coverage;
    private final Prices prices;
    private final SplitEvents splits;
    private final Pacer pacer;
    private final PriceScopeProperties scopeProperties;
    private final TradedSymbols traded;
    private final Clock clock;

    PricePhase(
            PolygonProperties properties,
            PolygonClient polygon,
            TradingCalendar calendar,
            MarketClosures closures,
            FetchCoverage coverage,
            Prices prices,
            SplitEvents splits,
            Pacer pacer,
            PriceScopeProperties scopeProperties,
            TradedSymbols traded,
            Clock clock) {
        this.properties = properties;
        this.polygon = polygon;
        this.calendar = calendar;
        this.closures = closures;
        this.coverage = coverage;
        this.prices = prices;
        this.splits = splits;
        this.pacer = pacer;
        this.scopeProperties = scopeProperties;
        this.traded = traded;
        this.clock = clock;
    }

    /**
     * Runs the price phase.
     *
     * @return what was done; failures of single symbols are listed, not thrown
     * @throws PriceFetchFailed when the phase cannot complete: no API key, Polygon rejected the key
     *     or the plan, or every symbol that needed data failed
     * @throws dev.valuator.system.RunStopped from {@link RunContext#checkpoint()} (deadline, shutdown, lost lock)
     */
    public PriceSummary run(PriceRequest request, RunContext run) {
        Progress progress = new Progress(clock.millis(), new PolygonCalls(run::checkpoint));
        if (!properties.apiKeyConfigured()) {
            throw new PriceFetchFailed("POLYGON_API_KEY not configured", PriceSummary.none(0, 0));
        }
        try {
            return fetch(request, run, progress);
        } catch (PolygonFailure.AuthFailed e) {
            throw new PriceFetchFailed(e.getMessage(), progress.summary(clock));
        }
    }

    private PriceSummary fetch(PriceRequest request, RunContext run, Progress progress) {
        JdbcClient db = run.jdbc();
        Instant now = clock.instant();
        LocalDate today = now.atZone(TradingCalendar.NEW_YORK).toLocalDate();
        calendar.reload();
        refreshUpcomingClosures(run, progress.calls, today, now);

        LocalDate latest = calendar.latestClosedSession(now);
        LocalDate to = request.to() == null || request.to().isAfter(latest) ? latest : request.to();
        Map<String, LocalDate> firstDates = scope(db, request, latest);
        progress.symbolsRequested = firstDates.size();
        log.info("Price phase {}: {} symbols in scope through {}", run.jobId(), firstDates.size(), to);

        fetchSplits(run, progress, firstDates.keySet(), today, now);

        firstDates.values().removeIf(first -> first.isAfter(to));
        LocalDate from = firstDates.values().stream().min(LocalDate::compareTo).orElse(to);
        Map<String, SortedSet<LocalDate>> missing =
                coverage.missing(db, firstDates, calendar.tradingDaysBetween(from, to));
        FetchPlan plan = FetchPlanner.plan(missing);
        progress.plan = plan.label();
        progress.needed = missing.keySet();
        log.info(
                "Price phase {}: {} symbols miss {} cells; plan {} with {} grouped and {} per-symbol calls",
                run.jobId(),
                missing.size(),
                missing.values().stream().mapToInt(Set::size).sum(),
                plan.label(),
                plan.groupedDates().size(),
                plan.perSymbol().size());

        Set<String> inScope = firstDates.keySet();
        PlannedCalls planned = new PlannedCalls(plan, missing);
        List<PlannedCalls.Call> calls = planned.calls();
        progress.callsPlanned = progress.calls.calls() + calls.size();
        report(run, progress, planned, true);
        for (PlannedCalls.Call call : calls) {
            if (!withinBudget(request, progress)) {
                break;
            }
            if (call.grouped()) {
                fetchGrouped(run, progress, call.date(), inScope, missing, plan);
            } else {
                fetchSymbol(run, progress, call.symbol(), call.range(), missing.get(call.symbol()));
            }
            planned.made();
            report(run, progress, planned, false);
        }
        PlannedCalls.Missing left = planned.missing();
        if (left.calls() > 0) {
            Duration perCall = perCall(progress);
            progress.remaining = new PriceSummary.Remaining(
                    left.calls(),
                    left.dates(),
                    left.symbols(),
                    (long) Math.ceil(perCall.multipliedBy(left.calls()).toMillis() / 60_000.0),
                    left.firstMissing() == null ? null : calendar.previousTradingDay(left.firstMissing()));
            log.info(
                    "Price phase {} stopped at its budget: {} calls, {} dates and {} symbols left for the next run",
                    run.jobId(),
                    left.calls(),
                    left.dates(),
                    left.symbols());
        }
        report(run, progress, planned, true);

        PriceSummary summary = progress.summary(clock);
        if (!missing.isEmpty() && summary.symbolsFetched() == 0 && summary.symbolsFailed() > 0) {
            throw new PriceFetchFailed(
                    "every symbol failed: " + summary.failures().getFirst().symbol() + ": "
                            + summary.failures().getFirst().error(),
                    summary);
        }
        run.transactions()
                .executeWithoutResult(tx -> FreshnessMarks.pricesFetched(db, clock.instant(), prices.latestDate(db)));
        log.info(
                "Price phase {} done: plan {}, {} bars upserted, {} calls, {} failed symbols",
                run.jobId(),
                summary.plan(),
                summary.barsUpserted(),
                summary.apiCalls(),
                summary.symbolsFailed());
        return summary;
    }

    /** Whether the next call fits the run's call cap and ends before its fetch deadline. */
    private boolean withinBudget(PriceRequest request, Progress progress) {
        if (request.maxCalls() != null && progress.calls.calls() + 1 > request.maxCalls()) {
            return false;
        }
        return request.fetchDeadline() == null
                || !clock.instant().plus(perCall(progress)).isAfter(request.fetchDeadline());
    }

    /** What one more call costs: the pacing interval, or the calls' measured time when that is longer. */
    private Duration perCall(Progress progress) {
        Duration spacing = pacer.spacing();
        int made = progress.calls.calls();
        if (made == 0) {
            return spacing;
        }
        Duration measured = Duration.ofMillis(Math.max(0, clock.millis() - progress.startedMillis) / made);
        return measured.compareTo(spacing) > 0 ? measured : spacing;
    }

    private void report(RunContext run, Progress progress, PlannedCalls planned, boolean force) {
        PlannedCalls.Missing left = planned.missing();
        run.progress(
                new RunProgress(
                        RunProgress.PRICES,
                        progress.calls.calls(),
                        Math.max(progress.callsPlanned, progress.calls.calls()),
                        left.dates(),
                        left.symbols(),
                        progress.barsUpserted,
                        perCall(progress).multipliedBy(left.calls()).toSeconds(),
                        clock.instant()),
                force);
    }

    /** Symbol → the first date its valuations need. */
    private Map<String, LocalDate> scope(JdbcClient db, PriceRequest request, LocalDate latest) {
        Map<String, LocalDate> firstTrades = traded.firstTradeDates(db, request.accountId());
        Map<String, LocalDate> firstDates = new TreeMap<>();
        if (request.symbols() != null) {
            for (String symbol : request.symbols()) {
                // explicit symbols over an explicit window mean what they say: the whole window,
                // whether or not an account held them then
                firstDates.put(
                        symbol,
                        request.from() != null
                                ? request.from()
                                : firstNeeded(firstTrades.get(symbol), request, latest));
            }
            return firstDates;
        }
        for (var trade : firstTrades.entrySet()) {
            firstDates.put(trade.getKey(), firstNeeded(trade.getValue(), request, latest));
        }
        for (String symbol : scopeProperties.alwaysRefreshSymbols()) {
            // held or not, never more than its latest session unless a trade asks for more
            firstDates.putIfAbsent(symbol, latest);
        }
        return firstDates;
    }

    /**
     * The first date a symbol first traded on {@code traded} (null: never) needs. An explicit
     * {@code from} is honoured however old; only runs without one are bounded by {@code earliest}.
     */
    private static LocalDate firstNeeded(LocalDate traded, PriceRequest request, LocalDate latest) {
        if (request.from() != null) {
            // bars before a symbol's first trade value nothing, so an early `from` costs no calls
            return traded != null && traded.isAfter(request.from()) ? traded : request.from();
        }
        // a symbol nobody traded needs no history: its latest session is enough
        LocalDate first = traded == null ? latest : traded;
        return request.earliest() != null && first.isBefore(request.earliest()) ? request.earliest() : first;
    }

    /**
     * One Polygon call whose failure does not end the phase: the failure goes to {@code onFailure}
     * and the answer is null. A rejected key ({@link PolygonFailure.AuthFailed}) ends the phase.
     */
    private static <T> T answer(Supplier<T> call, Consumer<PolygonFailure> onFailure) {
        try {
            return call.get();
        } catch (PolygonFailure.AuthFailed e) {
            throw e;
        } catch (PolygonFailure e) {
            onFailure.accept(e);
            return null;
        }
    }

    private void refreshUpcomingClosures(RunContext run, PolygonCalls calls, LocalDate today, Instant now) {
        if (closures.fetchedOn(run.jdbc(), UPCOMING, today)) {
            return;
        }
        List<UpcomingClosure> upcoming = answer(
                () -> polygon.upcomingClosures(calls),
                e -> log.warn("Upcoming market closures not fetched (will retry next run): {}", e.getMessage()));
        if (upcoming == null) {
            return;
        }
        run.transactions().executeWithoutResult(tx -> {
            for (UpcomingClosure closure : upcoming) {
                if ("NYSE".equalsIgnoreCase(closure.exchange())) {
                    closures.recordUpcoming(run.jdbc(), closure, now);
                }
            }
            closures.recordFetch(run.jdbc(), UPCOMING, today, now);
        });
        calendar.reload();
    }

    private void fetchSplits(RunContext run, Progress progress, Set<String> symbols, LocalDate today, Instant now) {
        if (symbols.isEmpty()) {
            return;
        }
        List<String> due = splits.due(run.jdbc(), symbols, today);
        for (int start = 0; start < due.size(); start += SPLIT_BATCH) {
            List<String> batch = due.subList(start, Math.min(due.size(), start + SPLIT_BATCH));
            List<SplitEvent> events = answer(
                    () -> polygon.splits(batch, progress.calls),
                    e -> log.warn(
                            "Splits of {} symbols not fetched (will retry next run): {}",
                            batch.size(),
                            e.getMessage()));
            if (events == null) {
                continue;
            }
            Set<String> wanted = new HashSet<>(batch);
            List<SplitEvent> relevant =
                    events.stream().filter(e -> wanted.contains(e.symbol())).toList();
            run.transactions().executeWithoutResult(tx -> {
                splits.upsert(run.jdbc(), relevant, now);
                splits.recordFetched(run.jdbc(), batch, today, now);
            });
        }
    }

    private void fetchGrouped(
            RunContext run,
            Progress progress,
            LocalDate date,
            Set<String> inScope,
            Map<String, SortedSet<LocalDate>> missing,
            FetchPlan plan) {
        // the symbols this call has to serve: the per-symbol calls serve the others
        List<String> served = missing.entrySet().stream()
                .filter(e -> e.getValue().contains(date) && !plan.perSymbol().containsKey(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        List<DailyBar> bars = answer(
                () -> polygon.groupedDaily(date, progress.calls),
                e -> served.forEach(s -> progress.fail(s, "grouped daily for " + date + " failed: " + e.getMessage())));
        if (bars == null) {
            return;
        }
        Instant now = clock.instant();
        boolean isFinal = calendar.isFinal(date, now);
        if (bars.isEmpty()) {
            if (!calendar.closureEvident(date, now)) {
                log.info("Grouped daily for {} has no bars yet; it will be asked for again", date);
                return;
            }
            log.warn("Grouped daily for {} has no bars: recording the market as closed that day", date);
            run.transactions().executeWithoutResult(tx -> {
                closures.recordEvidence(run.jdbc(), date, "no bars in Polygon's grouped daily answer", now);
                coverage.recordGrouped(run.jdbc(), date, 0, true, now);
            });
            calendar.reload();
            return;
        }
        List<DailyBar> relevant =
                bars.stream().filter(b -> inScope.contains(b.symbol())).toList();
        run.transactions().executeWithoutResult(tx -> {
            progress.barsUpserted += prices.upsert(run.jdbc(), relevant, d -> !isFinal, now);
            coverage.recordGrouped(run.jdbc(), date, bars.size(), isFinal, now);
        });
        Set<String> present = new HashSet<>();
        relevant.forEach(b -> present.add(b.symbol()));
        for (String symbol : served) {
            if (!present.contains(symbol)) {
                progress.fail(
                        symbol,
                        "no bar for " + date + " in the grouped daily answer: Polygon does not know " + symbol
                                + " or it did not trade that day");
            }
        }
    }

    private void fetchSymbol(
            RunContext run, Progress progress, String symbol, DateRange range, SortedSet<LocalDate> missing) {
        List<DailyBar> bars = answer(
                () -> polygon.dailyBars(symbol, range.from(), range.to(), progress.calls),
                e -> progress.fail(symbol, e.getMessage()));
        if (bars == null) {
            return;
        }
        Instant now = clock.instant();
        List<DailyBar> relevant = bars.stream()
                .filter(b -> b.symbol().equals(symbol)
                        && !b.date().isBefore(range.from())
                        && !b.date().isAfter(range.to()))
                .toList();
        Predicate<LocalDate> provisional = d -> !calendar.isFinal(d, now);
        LocalDate finalThrough = range.to();
        while (!finalThrough.isBefore(range.from()) && provisional.test(finalThrough)) {
            finalThrough = calendar.previousTradingDay(finalThrough);
        }
        LocalDate coveredThrough = finalThrough;
        run.transactions().executeWithoutResult(tx -> {
            progress.barsUpserted += prices.upsert(run.jdbc(), relevant, provisional, now);
            if (!coveredThrough.isBefore(range.from())) {
                saveCoverage(run.jdbc(), symbol, new DateRange(range.from(), coveredThrough), now);
            }
        });
        boolean finalMissing = missing.stream().anyMatch(d -> !provisional.test(d));
        if (relevant.isEmpty() && finalMissing) {
            progress.fail(
                    symbol,
                    "Polygon has no data for " + symbol + " from " + range.from() + " to " + range.to()
                            + ": check the symbol as Polygon writes it (BRK.B, not BRK-B), or it did not trade then");
        }
    }

    /** Extends the symbol's covered range when the new one touches it; otherwise keeps the later one. */
    private void saveCoverage(JdbcClient db, String symbol, DateRange fetched, Instant now) {
        DateRange merged = coverage.symbolRange(db, symbol)
                .filter(old -> !old.from().isAfter(calendar.nextTradingDay(fetched.to()))
                        && !fetched.from().isAfter(calendar.nextTradingDay(old.to())))
                .map(old -> new DateRange(
                        old.from().isBefore(fetched.from()) ? old.from() : fetched.from(),
                        old.to().isAfter(fetched.to()) ? old.to() : fetched.to()))
                .orElse(fetched);
        coverage.saveSymbolRange(db, symbol, merged, now);
    }

    /** Counters of one phase. */
    private static final class Progress {
        final long startedMillis;
        final PolygonCalls calls;
        final Map<String, String> failures = new LinkedHashMap<>();
        String plan = "NONE";
        int symbolsRequested;
        Set<String> needed = Set.of();
        long barsUpserted;
        int callsPlanned;
        PriceSummary.Remaining remaining;

        Progress(long startedMillis, PolygonCalls calls) {
            this.startedMillis = startedMillis;
            this.calls = calls;
        }

        void fail(String symbol, String error) {
            failures.putIfAbsent(symbol, error);
        }

        PriceSummary summary(Clock clock) {
            List<SymbolFailure> list = new ArrayList<>();
            failures.forEach((s, e) -> list.add(new SymbolFailure(s, e)));
            int fetched =
                    (int) needed.stream().filter(s -> !failures.containsKey(s)).count();
            return new PriceSummary(
                    plan,
                    symbolsRequested,
                    fetched,
                    failures.size(),
                    barsUpserted,
                    calls.calls(),
                    calls.rateLimitedResponses(),
                    Math.max(0, clock.millis() - startedMillis),
                    List.copyOf(list),
                    remaining);
        }
    }
}
