package dev.valuator.marketdata.splits;

import dev.valuator.marketdata.polygon.PolygonClient;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.marketdata.polygon.PolygonSession;
import dev.valuator.prices.SplitEvent;
import dev.valuator.prices.SplitEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Splits read at most once a day per symbol: the symbols not read today, in batches of {@link
 * #BATCH} ({@code ticker.any_of}), each batch's events stored in {@code split_events} with the day
 * it was read. The price phase and the on-demand reads ({@link ProviderSplits}) share it.
 */
public final class SplitSync {

    /** Symbols per splits request ({@code ticker.any_of}); keeps the URL well below common limits. */
    static final int BATCH = 100;

    private final PolygonClient polygon;
    private final SplitEvents splits;

    public SplitSync(PolygonClient polygon, SplitEvents splits) {
        this.polygon = polygon;
        this.splits = splits;
    }

    /** The symbols whose splits were not read on {@code today}, in request-sized batches. */
    public List<List<String>> dueBatches(JdbcClient db, Collection<String> symbols, LocalDate today) {
        List<String> due = splits.due(db, symbols, today);
        List<List<String>> batches = new ArrayList<>();
        for (int start = 0; start < due.size(); start += BATCH) {
            batches.add(due.subList(start, Math.min(due.size(), start + BATCH)));
        }
        return batches;
    }

    /**
     * Asks for one batch's splits and stores them, with the batch read on {@code today}.
     *
     * @return the events stored
     * @throws PolygonFailure when Polygon cannot answer; nothing is stored then
     */
    public int read(
            List<String> batch,
            PolygonSession calls,
            JdbcClient db,
            TransactionOperations transactions,
            LocalDate today,
            Instant now) {
        List<SplitEvent> events = polygon.splits(batch, calls);
        Set<String> wanted = new HashSet<>(batch);
        List<SplitEvent> relevant =
                events.stream().filter(e -> wanted.contains(e.symbol())).toList();
        transactions.executeWithoutResult(tx -> {
            splits.upsert(db, relevant, now);
            splits.recordFetched(db, batch, today, now);
        });
        return relevant.size();
    }
}
