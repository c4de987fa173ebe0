package dev.valuator.marketdata.splits;

import dev.valuator.marketdata.calendar.TradingCalendar;
import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonProperties;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.prices.SplitEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Splits learned on demand (a trade import needs them before judging its SELLs): symbols whose
 * splits were not read today are asked for (paced like every call, in batches of {@link
 * SplitSync#BATCH}) and stored in {@code split_events}/{@code split_fetches}, the same rows
 * the price phase keeps, so neither asks again that day.
 */
@Component
public class ProviderSplits {

    private static final Logger log = LoggerFactory.getLogger(ProviderSplits.class);

    private final PolygonProperties properties;
    private final SplitSync splits;
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
        this.splits = new SplitSync(polygon, splits);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Makes the splits of these symbols known. Without an API key nothing is asked (the service
     * then works with the splits it has).
     *
     * @throws PolygonFailure when Polygon cannot answer; batches answered before stay stored
     */
    public void learn(Collection<String> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        if (!properties.apiKeyConfigured()) {
            log.warn("POLYGON_API_KEY not configured: splits are not learned on demand; the stored ones apply");
            return;
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(TradingCalendar.NEW_YORK).toLocalDate();
        for (List<String> batch : splits.dueBatches(jdbc, symbols, today)) {
            int events = splits.read(batch, PolygonSession.untracked(), jdbc, transactions, today, now);
            log.info("Learned the splits of {} symbols on demand ({} events)", batch.size(), events);
        }
    }
}
