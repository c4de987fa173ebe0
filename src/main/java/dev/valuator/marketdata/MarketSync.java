package dev.valuator.marketdata;

import dev.valuator.marketdata.calendar.MarketClosures;
import dev.valuator.marketdata.calendar.UpcomingClosure;
import dev.valuator.marketdata.dividends.DividendSync;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.splits.SplitSync;
import dev.valuator.system.RunContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's once-a-day reads besides the bars: Polygon's upcoming closures (NYSE's recorded in
 * {@code market_closures}), the splits and the dividends of the symbols in scope. A failure is
 * logged and left to the next run; only a rejected key ends the phase.
 */
final class MarketSync {

    private static final Logger log = LoggerFactory.getLogger(MarketSync.class);

    static final String UPCOMING = "marketstatus.upcoming";

    private final PolygonClient polygon;
    private final MarketClosures closures;
    private final SplitSync splits;
    private final DividendSync dividends;

    MarketSync(PolygonClient polygon, MarketClosures closures, SplitSync splits, DividendSync dividends) {
        this.polygon = polygon;
        this.closures = closures;
        this.splits = splits;
        this.dividends = dividends;
    }

    /** Records the upcoming NYSE closures, unless they were already read today. */
    void upcomingClosures(RunContext run, PriceProgress progress, LocalDate today, Instant now) {
        if (closures.fetchedOn(run.jdbc(), UPCOMING, today)) {
            return;
        }
        List<UpcomingClosure> upcoming = CallFailures.orNull(() -> polygon.upcomingClosures(progress.calls), e -> {
            progress.providerFailed(e, List.of());
            log.warn("Upcoming market closures not fetched (will retry next run): {}", e.getMessage());
        });
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
    }

    /** Reads the splits of the symbols not read today. */
    void splits(RunContext run, PriceProgress progress, Set<String> symbols, LocalDate today, Instant now) {
        if (symbols.isEmpty()) {
            return;
        }
        for (List<String> batch : splits.dueBatches(run.jdbc(), symbols, today)) {
            CallFailures.orNull(
                    () -> splits.read(batch, progress.calls, run.jdbc(), run.transactions(), today, now), e -> {
                        progress.providerFailed(e, List.of());
                        log.warn(
                                "Splits of {} symbols not fetched (will retry next run): {}",
                                batch.size(),
                                e.getMessage());
                    });
        }
    }

    /**
     * Reads the dividends of the traded symbols (symbol → its first trade date) not read today,
     * each call only while the run's budget allows another.
     */
    void dividends(
            RunContext run,
            PriceProgress progress,
            Map<String, LocalDate> firstTrades,
            LocalDate today,
            Instant now,
            BooleanSupplier allowsAnother) {
        dividends.readDue(run, progress.calls, firstTrades, today, now, allowsAnother);
    }
}
