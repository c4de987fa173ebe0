package dev.valuator.prices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns {@code split_events} and {@code split_fetches} (splits are read at most once a day per symbol). */
@Repository
public class SplitEvents {

    private static final String UPSERT = """
            INSERT INTO split_events (symbol, execution_date, split_from, split_to, provider_id, fetched_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (symbol, execution_date) DO UPDATE
               SET split_from = excluded.split_from, split_to = excluded.split_to,
                   provider_id = excluded.provider_id, fetched_at = excluded.fetched_at
             WHERE (split_events.split_from, split_events.split_to, split_events.provider_id)
                   IS DISTINCT FROM (excluded.split_from, excluded.split_to, excluded.provider_id)""";

    private static final String FETCHED_TODAY = """
            SELECT symbol FROM split_fetches WHERE symbol = ANY(?::text[]) AND fetched_on = ?""";

    private static final String EVER_FETCHED = """
            SELECT symbol FROM split_fetches WHERE symbol = ANY(?::text[])""";

    private static final String RECORD_FETCH = """
            INSERT INTO split_fetches (symbol, fetched_on, fetched_at)
            SELECT s, ?, ? FROM unnest(?::text[]) AS s
            ON CONFLICT (symbol) DO UPDATE SET fetched_on = excluded.fetched_on, fetched_at = excluded.fetched_at""";

    private static final String OF_SYMBOL = """
            SELECT execution_date, split_from, split_to, provider_id FROM split_events
             WHERE symbol = ? ORDER BY execution_date""";

    private static final String OF_SYMBOLS = """
            SELECT symbol, execution_date, split_from, split_to, provider_id FROM split_events
             WHERE symbol = ANY (?::text[]) ORDER BY symbol, execution_date""";

    private final JdbcClient jdbc;

    SplitEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Of these symbols, those whose splits were not yet read on {@code day}. */
    public List<String> due(JdbcClient run, Collection<String> symbols, LocalDate day) {
        Set<String> done = new HashSet<>(run.sql(FETCHED_TODAY)
                .params(symbols.toArray(String[]::new), day)
                .query(String.class)
                .list());
        return symbols.stream().filter(s -> !done.contains(s)).toList();
    }

    /** Of these symbols, those whose splits were never read: nothing is known about them. */
    public List<String> neverFetched(Collection<String> symbols) {
        Set<String> fetched = new HashSet<>(jdbc.sql(EVER_FETCHED)
                .param(symbols.toArray(String[]::new))
                .query(String.class)
                .list());
        return symbols.stream().filter(s -> !fetched.contains(s)).toList();
    }

    /** Stores split events; returns how many were inserted or changed. */
    public int upsert(JdbcClient run, List<SplitEvent> splits, Instant fetchedAt) {
        int changed = 0;
        for (SplitEvent split : splits) {
            changed += run.sql(UPSERT)
                    .params(
                            split.symbol(),
                            split.executionDate(),
                            split.splitFrom(),
                            split.splitTo(),
                            split.providerId(),
                            fetchedAt.atOffset(ZoneOffset.UTC))
                    .update();
        }
        return changed;
    }

    public void recordFetched(JdbcClient run, Collection<String> symbols, LocalDate day, Instant fetchedAt) {
        run.sql(RECORD_FETCH)
                .params(day, fetchedAt.atOffset(ZoneOffset.UTC), symbols.toArray(String[]::new))
                .update();
    }

    /** One symbol's splits, oldest first. */
    public List<SplitEvent> of(String symbol) {
        return jdbc.sql(OF_SYMBOL)
                .param(symbol)
                .query((rs, i) -> new SplitEvent(
                        symbol,
                        rs.getObject(1, LocalDate.class),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getString(4)))
                .list();
    }

    /** These symbols' stored splits, by symbol and oldest first. */
    public List<SplitEvent> of(Collection<String> symbols) {
        return jdbc.sql(OF_SYMBOLS)
                .param(symbols.toArray(String[]::new))
                .query((rs, i) -> new SplitEvent(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getString(5)))
                .list();
    }
}
