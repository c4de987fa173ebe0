package dev.valuator.marketdata.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code market_closures} (closures learned from Polygon or from evidence) and
 * {@code provider_fetches} (once-a-day provider reads). Writes take the run's {@link JdbcClient}
 * so they go through the lock-holding connection.
 */
@Repository
public class MarketClosures {

    private static final String SELECT_ALL = """
            SELECT closure_date, status FROM market_closures""";

    private static final String UPSERT_UPCOMING = """
            INSERT INTO market_closures (closure_date, status, reason, source, recorded_at)
            VALUES (?, ?, ?, 'POLYGON_UPCOMING', ?)
            ON CONFLICT (closure_date) DO UPDATE
               SET status = excluded.status, reason = excluded.reason, recorded_at = excluded.recorded_at
             WHERE market_closures.source = 'POLYGON_UPCOMING'""";

    private static final String INSERT_EVIDENCE = """
            INSERT INTO market_closures (closure_date, status, reason, source, recorded_at)
            VALUES (?, 'CLOSED', ?, 'EVIDENCE', ?)
            ON CONFLICT (closure_date) DO UPDATE
               SET status = 'CLOSED', reason = excluded.reason, source = 'EVIDENCE', recorded_at = excluded.recorded_at""";

    private static final String FETCHED_ON = """
            SELECT fetched_on FROM provider_fetches WHERE name = ?""";

    private static final String RECORD_FETCH = """
            INSERT INTO provider_fetches (name, fetched_on, fetched_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET fetched_on = excluded.fetched_on, fetched_at = excluded.fetched_at""";

    private final JdbcClient jdbc;

    MarketClosures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every recorded closure: date → early close (true) or full-day closure (false). */
    Map<LocalDate, Boolean> all() {
        Map<LocalDate, Boolean> closures = new TreeMap<>();
        jdbc.sql(SELECT_ALL).query(rs -> {
            closures.put(rs.getObject(1, LocalDate.class), "EARLY_CLOSE".equals(rs.getString(2)));
        });
        return closures;
    }

    /** Records an entry of Polygon's upcoming list; never overrides what evidence proved. */
    public void recordUpcoming(JdbcClient run, UpcomingClosure closure, Instant now) {
        run.sql(UPSERT_UPCOMING)
                .params(closure.date(), closure.earlyClose() ? "EARLY_CLOSE" : "CLOSED", closure.name(), utc(now))
                .update();
    }

    /** Records a weekday the market turned out to be closed (a grouped-daily answer without bars). */
    public void recordEvidence(JdbcClient run, LocalDate date, String reason, Instant now) {
        run.sql(INSERT_EVIDENCE).params(date, reason, utc(now)).update();
    }

    /** Whether the named once-a-day provider read already happened on {@code day}. */
    public boolean fetchedOn(JdbcClient run, String name, LocalDate day) {
        return run.sql(FETCHED_ON)
                .param(name)
                .query(LocalDate.class)
                .optional()
                .filter(day::equals)
                .isPresent();
    }

    public void recordFetch(JdbcClient run, String name, LocalDate day, Instant now) {
        run.sql(RECORD_FETCH).params(name, day, utc(now)).update();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
