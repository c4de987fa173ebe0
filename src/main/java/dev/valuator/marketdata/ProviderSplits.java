package dev.valuator.marketdata;

import dev.valuator.holdings.SplitSource;
import dev.valuator.holdings.SplitsUnavailable;
import dev.valuator.prices.SplitEvent;
import dev.valuator.prices.SplitEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The splits an import needs, from Polygon: symbols whose splits were not read today are asked
 * for (paced like every call, in batches of {@link PricePhase#SPLIT_BATCH}) and stored in
 * {@code split_events}/{@code split_fetches}, the same rows the price phase keeps, so neither
 * asks again that day.
 */
@Component
class ProviderSplits implements SplitSource {

    private static final Logger log = LoggerFactory.getLogger(ProviderSplits.class);
    private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_RATE_LIMIT = Duration.ofSeconds(60);
    private static final int NAMED = 5;

    private final PolygonProperties properties;
    private final PolygonClient polygon;
    private final SplitEvents splits;
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;

    ProviderSplits(
            PolygonProperties properties,
            PolygonClient polygon,
            SplitEvents splits,
            JdbcClient jdbc,
            TransactionOperations transactions,
            Clock clock) {
        this.properties = properties;
        this.polygon = polygon;
        this.splits = splits;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void learn(Collection<String> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        if (!properties.apiKeyConfigured()) {
            // without a key the service values nothing it fetches; the ledger is judged on the splits it has
            log.warn("POLYGON_API_KEY not configured: an import is judged on the splits already stored");
            return;
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(TradingCalendar.NEW_YORK).toLocalDate();
        List<String> due = splits.due(jdbc, symbols, today);
        for (int start = 0; start < due.size(); start += PricePhase.SPLIT_BATCH) {
            List<String> batch = due.subList(start, Math.min(due.size(), start + PricePhase.SPLIT_BATCH));
            List<SplitEvent> events;
            try {
                events = polygon.splits(batch, PolygonCalls.untracked());
            } catch (PolygonFailure.AuthFailed e) {
                throw new SplitsUnavailable(
                        "Cannot learn the splits of " + names(batch) + " before judging the import: " + e.getMessage()
                                + ". Nothing was stored.",
                        null);
            } catch (PolygonFailure e) {
                log.warn("Splits of {} symbols for an import not fetched: {}", batch.size(), e.getMessage());
                throw new SplitsUnavailable(
                        "Polygon could not be asked for the splits of " + names(batch)
                                + ", which the import needs before judging its SELLs: " + e.getMessage()
                                + ". Nothing was stored; try again shortly.",
                        e instanceof PolygonFailure.RateLimited ? RETRY_AFTER_RATE_LIMIT : RETRY_AFTER_OUTAGE);
            }
            Set<String> wanted = new HashSet<>(batch);
            List<SplitEvent> relevant =
                    events.stream().filter(e -> wanted.contains(e.symbol())).toList();
            transactions.executeWithoutResult(tx -> {
                splits.upsert(jdbc, relevant, now);
                splits.recordFetched(jdbc, batch, today, now);
            });
            log.info("Import: learned the splits of {} symbols ({} events)", batch.size(), relevant.size());
        }
    }

    private static String names(List<String> symbols) {
        return symbols.size() <= NAMED
                ? String.join(", ", symbols)
                : String.join(", ", symbols.subList(0, NAMED)) + " and " + (symbols.size() - NAMED) + " more";
    }
}
