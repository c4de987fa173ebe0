package dev.valuator.prices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code freshness}: the one row saying when prices and valuations were last written, kept
 * current by the phases so the freshness endpoint and the gauges read it in O(1). The writes take
 * the run's connection, so they commit with (and only with) the phase's own writes.
 */
@Repository
public class FreshnessMarks {

    private static final String READ = """
            SELECT last_price_fetched_at, latest_price_date, last_valuation_materialized_at, latest_snapshot_date
              FROM freshness""";

    private static final String PRICES_FETCHED = """
            UPDATE freshness SET last_price_fetched_at = :at, latest_price_date = :latest""";

    private static final String VALUATIONS_MATERIALIZED = """
            UPDATE freshness SET last_valuation_materialized_at = :at, latest_snapshot_date = :latest""";

    private final JdbcClient jdbc;

    FreshnessMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The row as it stands.
     *
     * @param lastPriceFetchedAt when bars were last stored, or null
     * @param latestPriceDate newest trading date with a stored bar, or null
     * @param lastValuationMaterializedAt when valuations were last written, or null
     * @param latestSnapshotDate newest snapshot date, or null
     */
    public record Marks(
            Instant lastPriceFetchedAt,
            LocalDate latestPriceDate,
            Instant lastValuationMaterializedAt,
            LocalDate latestSnapshotDate) {}

    public Marks read() {
        return jdbc.sql(READ)
                .query((rs, n) -> new Marks(
                        instant(rs.getTimestamp(1)),
                        rs.getObject(2, LocalDate.class),
                        instant(rs.getTimestamp(3)),
                        rs.getObject(4, LocalDate.class)))
                .single();
    }

    /** Bars were stored at {@code at}; {@code latest} is the newest stored trading date. */
    public static void pricesFetched(JdbcClient run, Instant at, LocalDate latest) {
        run.sql(PRICES_FETCHED)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("latest", latest)
                .update();
    }

    /** Valuations were written at {@code at}; {@code latest} is the newest snapshot date. */
    public static void valuationsMaterialized(JdbcClient run, Instant at, LocalDate latest) {
        run.sql(VALUATIONS_MATERIALIZED)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("latest", latest)
                .update();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
