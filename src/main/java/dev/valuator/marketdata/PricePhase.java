package dev.valuator.marketdata;

import dev.valuator.marketdata.calendar.MarketClosures;
import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.dividends.DividendSync;
import dev.valuator.marketdata.plan.FetchCoverage;
import dev.valuator.marketdata.plan.FetchSequence;
import dev.valuator.marketdata.plan.PricePlan;
import dev.valuator.marketdata.polygon.Pacer;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonProperties;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.marketdata.splits.SplitSync;
import dev.valuator.marketdata.stale.StaleSymbols;
import dev.valuator.prices.CorporateAction;
import dev.valuator.prices.Dividends;
import dev.valuator.prices.FreshnessMarks;
import dev.valuator.prices.Prices;
import dev.valuator.prices.SplitEvents;
import dev.valuator.system.RunContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The price phase of a refresh: scope (which symbols from which date, {@link PriceScope}), plan
 * (the bars they miss and the fewest calls for them, {@link PricePlan}), fetch (the calls within
 * the run's budget, {@link BarFetcher}, after the day's closures, splits and dividends, {@link MarketSync}),
 * summary ({@link PriceOutcome}). The trading calendar is read once per run and passed along.
 * Every write goes through the run's connection.
 */
@Component
public class PricePhase {

    private static final Logger log = LoggerFactory.getLogger(PricePhase.class);

    private final PolygonProperties properties;
    private final TradingCalendar calendar;
    private final FetchCoverage coverage;
    private final Prices prices;
    private final Clock clock;
    private final PriceScope scope;
    private final MarketSync sync;
    private final BarFetcher bars;
    private final PriceBudget budget;
    private final StaleSymbols staleSymbols;

    PricePhase(
            PolygonProperties properties,
            PolygonClient polygon,
            TradingCalendar calendar,
            MarketClosures closures,
            FetchCoverage coverage,
            Prices prices,
            SplitEvents splits,
            Dividends dividends,
            Pacer pacer,
            PriceScopeProperties scopeProperties,
            StaleSymbols staleSymbols,
            Clock clock) {
        this.properties = properties;
        this.calendar = calendar;
        this.coverage = coverage;
        this.prices = prices;
        this.clock = clock;
        this.scope = new PriceScope(scopeProperties);
        this.sync =
                new MarketSync(polygon, closures, new SplitSync(polygon, splits), new DividendSync(polygon, dividends));
        this.bars = new BarFetcher(polygon, closures, coverage, prices, clock);
        this.budget = new PriceBudget(pacer, clock);
        this.staleSymbols = staleSymbols;
    }

    /**
     * Runs the price phase.
     *
     * @return what was done: {@link PriceOutcome.Fetched} (failures of single symbols listed), or
     *     {@link PriceOutcome.Failed} when the phase cannot complete: no API key, Polygon rejected
     *     the key or the plan, or every symbol that needed data failed
     * @throws dev.valuator.system.RunStopped from {@link RunContext#checkpoint()} (deadline, shutdown, lost lock)
     */
    public PriceOutcome run(PriceRequest request, RunContext run) {
        PriceProgress progress = new PriceProgress(clock.millis(), new PolygonSession(run::checkpoint));
        if (!properties.apiKeyConfigured()) {
            return new PriceOutcome.Failed("POLYGON_API_KEY not configured", PriceSummary.none(0, 0));
        }
        try {
            return fetch(request, run, progress);
        } catch (PolygonFailure.AuthFailed e) {
            return new PriceOutcome.Failed(e.getMessage(), progress.summary(clock));
        }
    }

    private PriceOutcome fetch(PriceRequest request, RunContext run, PriceProgress progress) {
        JdbcClient db = run.jdbc();
        Instant now = clock.instant();
        LocalDate today = now.atZone(TradingCalendar.NEW_YORK).toLocalDate();
        sync.upcomingClosures(run, progress, today, now);
        TradingCalendar sessions = calendar.forRun();

        LocalDate latest = sessions.latestClosedSession(now);
        LocalDate to = request.to() == null || request.to().isAfter(latest) ? latest : request.to();
        Map<String, LocalDate> firstTrades = scope.firstTrades(db, request);
        Map<String, LocalDate> firstDates = scope.firstDates(firstTrades, request, latest);
        progress.symbolsRequested = firstDates.size();
        log.info("Price phase {}: {} symbols in scope through {}", run.jobId(), firstDates.size(), to);
        Map<String, LocalDate> endsBefore = staleSymbols.followActions(db, firstDates);
        sync.splits(run, progress, firstDates.keySet(), today, now);
        // learned before the valuation of the dates they affect, within the run's budget
        sync.dividends(run, progress, firstTrades, today, now, () -> budget.allowsAnother(request, progress));

        PricePlan plan = PricePlan.of(coverage, db, firstDates, endsBefore, to, sessions);
        progress.planned(plan);
        log.info(
                "Price phase {}: {} symbols miss {} cells; plan {} with {} grouped and {} per-symbol calls",
                run.jobId(),
                plan.missing().size(),
                plan.cells(),
                plan.fetchPlan().label(),
                plan.fetchPlan().groupedDates().size(),
                plan.fetchPlan().perSymbol().size());

        // a grouped answer marks its date covered for every symbol: a run for one account or
        // explicit symbols keeps the bars of every symbol any run needs, not only its own
        Set<String> kept = plan.inScope();
        if ((request.accountId() != null || request.symbols() != null)
                && !plan.fetchPlan().groupedDates().isEmpty()) {
            kept = new HashSet<>(scope.everyone(db));
            kept.addAll(plan.inScope());
        }
        BarFetcher.Run fetching = new BarFetcher.Run(run, sessions, progress, kept);
        fetchWithinBudget(request, fetching, plan);
        if (progress.remaining == null) {
            List<CorporateAction> learned = staleSymbols.inquire(
                    db,
                    progress.calls,
                    sessions,
                    to,
                    plan.inScope(),
                    progress.unansweredSymbols(),
                    () -> budget.allowsAnother(request, progress),
                    now);
            if (!learned.isEmpty()) {
                fetchWithinBudget(request, fetching, successors(db, learned, to, sessions));
            }
        }
        return summary(run, progress, plan);
    }

    /**
     * The bars of the symbols the provider's ticker changes lead to, from each change's date: all
     * of them, whatever earlier grouped answers covered (those stored only the symbols then in scope).
     */
    private PricePlan successors(JdbcClient db, List<CorporateAction> learned, LocalDate to, TradingCalendar sessions) {
        Map<String, LocalDate> firstDates = new TreeMap<>();
        learned.forEach(a -> firstDates.merge(a.newSymbol(), a.date(), (x, y) -> x.isBefore(y) ? x : y));
        LocalDate from = firstDates.values().stream().min(LocalDate::compareTo).orElse(to);
        Map<String, SortedSet<LocalDate>> missing =
                prices.withoutFinalBar(db, firstDates, sessions.tradingDaysBetween(from, to));
        return PricePlan.forCells(missing);
    }

    private void fetchWithinBudget(PriceRequest request, BarFetcher.Run run, PricePlan plan) {
        PriceProgress progress = run.progress();
        FetchSequence planned = plan.calls();
        budget.report(run.context(), progress, planned, true);
        for (FetchSequence.Call call : planned.calls()) {
            if (!budget.allowsAnother(request, progress)) {
                break;
            }
            bars.fetch(run, plan, call);
            planned.made();
            budget.report(run.context(), progress, planned, false);
        }
        progress.leftForNextRun(planned.symbolsLeft());
        progress.remaining = budget.remaining(planned, progress, run.calendar());
        if (progress.remaining != null) {
            log.info(
                    "Price phase {} stopped at its budget: {} calls, {} dates and {} symbols left for the next run",
                    run.context().jobId(),
                    progress.remaining.calls(),
                    progress.remaining.dates(),
                    progress.remaining.symbols());
        }
        budget.report(run.context(), progress, planned, true);
    }

    private PriceOutcome summary(RunContext run, PriceProgress progress, PricePlan plan) {
        PriceSummary summary = progress.summary(clock);
        if (!plan.missing().isEmpty()
                && summary.symbolsFetched() == 0
                && summary.symbolsFailed() > 0
                && summary.symbolsFailed() >= plan.missing().size()) {
            PriceSummary.SymbolFailure first = summary.failures().getFirst();
            return new PriceOutcome.Failed("every symbol failed: " + first.symbol() + ": " + first.error(), summary);
        }
        String outage = progress.outage();
        if (outage != null) {
            return new PriceOutcome.Failed(outage, summary);
        }
        JdbcClient db = run.jdbc();
        run.transactions()
                .executeWithoutResult(tx -> FreshnessMarks.pricesFetched(db, clock.instant(), prices.latestDate(db)));
        log.info(
                "Price phase {} done: plan {}, {} bars upserted, {} calls, {} failed symbols",
                run.jobId(),
                summary.plan(),
                summary.barsUpserted(),
                summary.apiCalls(),
                summary.symbolsFailed());
        return new PriceOutcome.Fetched(summary);
    }
}
