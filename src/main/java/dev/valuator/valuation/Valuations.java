package dev.valuator.valuation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the materialized snapshots and position valuations (written by {@link ValuationPhase}). */
@Component
public class Valuations {

    private static final String SNAPSHOTS = """
            SELECT snapshot_date, total_value, total_cost, total_pnl, pnl_percent, position_count,
                   priced_position_count, partial, income, income_to_date, realized_pnl_to_date, net_flow
            FROM portfolio_snapshots
            WHERE account_id = :accountId
              AND snapshot_date >= coalesce(CAST(:from AS date), '-infinity')
              AND snapshot_date <= coalesce(CAST(:to AS date), 'infinity')
            ORDER BY snapshot_date""";

    private static final String LATEST_SNAPSHOT_DATE = """
            SELECT snapshot_date FROM portfolio_snapshots WHERE account_id = :accountId
            ORDER BY snapshot_date DESC LIMIT 1""";

    private static final String SNAPSHOT_RANGE = """
            SELECT min(snapshot_date), max(snapshot_date) FROM portfolio_snapshots WHERE account_id = :accountId""";

    private static final String SESSIONS = """
            SELECT snapshot_date, total_value, net_flow, income, realized_pnl_to_date
            FROM portfolio_snapshots
            WHERE account_id = :accountId AND snapshot_date BETWEEN :from AND :to
            ORDER BY snapshot_date""";

    private static final String DIVIDENDS = """
            SELECT symbol, ex_date, pay_date, per_share, shares, amount
            FROM dividend_income
            WHERE account_id = :accountId
              AND ex_date >= coalesce(CAST(:from AS date), '-infinity')
              AND ex_date <= coalesce(CAST(:to AS date), 'infinity')
            ORDER BY ex_date, symbol, dividend_key""";

    private static final String POSITIONS = """
            SELECT symbol, quantity, close_price, price_date, market_value, cost_basis, unrealized_pnl, price_status
            FROM position_valuations
            WHERE account_id = :accountId AND valuation_date = :date
            ORDER BY symbol""";

    // the symbols held STALE on the latest snapshot date, with their last close and how many
    // accounts hold them (a partial index keeps this a probe of the few stale rows)
    private static final String STALE_HOLDINGS = """
            SELECT pv.symbol, max(pv.price_date) AS last_close, count(DISTINCT pv.account_id) AS accounts
            FROM position_valuations pv
            WHERE pv.price_status = 'STALE'
              AND pv.valuation_date = (SELECT max(snapshot_date) FROM portfolio_snapshots)
            GROUP BY pv.symbol
            ORDER BY pv.symbol""";

    private final JdbcClient jdbc;

    Valuations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Snapshot> snapshots(String accountId, LocalDate from, LocalDate to) {
        return jdbc.sql(SNAPSHOTS)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new Snapshot(
                        rs.getObject("snapshot_date", LocalDate.class),
                        rs.getBigDecimal("total_value"),
                        rs.getBigDecimal("total_cost"),
                        rs.getBigDecimal("total_pnl"),
                        rs.getBigDecimal("pnl_percent"),
                        rs.getInt("position_count"),
                        rs.getInt("priced_position_count"),
                        rs.getBoolean("partial"),
                        rs.getBigDecimal("income"),
                        rs.getBigDecimal("income_to_date"),
                        rs.getBigDecimal("realized_pnl_to_date"),
                        rs.getBigDecimal("net_flow")))
                .list();
    }

    /** The account's first and latest snapshot dates; empty when it has none. */
    Optional<SnapshotRange> snapshotRange(String accountId) {
        return jdbc.sql(SNAPSHOT_RANGE)
                .param("accountId", accountId)
                .query((rs, row) ->
                        new SnapshotRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .optional()
                .filter(range -> range.first() != null);
    }

    /** The sessions of a window, ascending, for the returns. */
    List<Performance.Session> sessions(String accountId, LocalDate from, LocalDate to) {
        return jdbc.sql(SESSIONS)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new Performance.Session(
                        rs.getObject(1, LocalDate.class),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** The dividends the account was entitled to, by ex-date. */
    List<DividendReceived> dividends(String accountId, LocalDate from, LocalDate to) {
        return jdbc.sql(DIVIDENDS)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new DividendReceived(
                        rs.getString("symbol"),
                        rs.getObject("ex_date", LocalDate.class),
                        rs.getObject("pay_date", LocalDate.class),
                        rs.getBigDecimal("per_share"),
                        rs.getBigDecimal("shares"),
                        rs.getBigDecimal("amount")))
                .list();
    }

    Optional<LocalDate> latestSnapshotDate(String accountId) {
        return jdbc.sql(LATEST_SNAPSHOT_DATE)
                .param("accountId", accountId)
                .query(LocalDate.class)
                .optional();
    }

    List<Position> positions(String accountId, LocalDate date) {
        return jdbc.sql(POSITIONS)
                .param("accountId", accountId)
                .param("date", date)
                .query((rs, row) -> new Position(
                        rs.getString("symbol"),
                        rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("close_price"),
                        rs.getObject("price_date", LocalDate.class),
                        rs.getBigDecimal("market_value"),
                        rs.getBigDecimal("cost_basis"),
                        rs.getBigDecimal("unrealized_pnl"),
                        status(rs.getString("price_status"), rs.getObject("price_date", LocalDate.class), date)))
                .list();
    }

    /** Rows written before statuses were stored: derived from the close alone. */
    private static String status(String stored, LocalDate priceDate, LocalDate date) {
        if (stored != null) {
            return stored;
        }
        return priceDate == null ? "UNPRICED" : priceDate.equals(date) ? "CURRENT" : "CARRIED";
    }

    /** The symbols held with a STALE price on the latest snapshot date (docs/api.md, priceStatus). */
    public List<StaleHolding> staleHoldings() {
        return jdbc.sql(STALE_HOLDINGS)
                .query((rs, row) -> new StaleHolding(
                        rs.getString("symbol"), rs.getObject("last_close", LocalDate.class), rs.getInt("accounts")))
                .list();
    }

    /**
     * A symbol held at a close too old to be current.
     *
     * @param symbol the symbol
     * @param lastClose its latest close
     * @param accounts how many accounts hold it
     */
    public record StaleHolding(String symbol, LocalDate lastClose, int accounts) {}

    /** One account's value on one trading day. */
    record Snapshot(
            LocalDate date,
            BigDecimal totalValue,
            BigDecimal totalCost,
            BigDecimal totalPnl,
            BigDecimal pnlPercent,
            int positionCount,
            int pricedPositionCount,
            boolean partial,
            BigDecimal income,
            BigDecimal incomeToDate,
            BigDecimal realizedPnlToDate,
            BigDecimal netFlow) {}

    /** The first and the latest snapshot date of an account. */
    record SnapshotRange(LocalDate first, LocalDate latest) {}

    /**
     * A cash dividend an account was entitled to: {@code perShare} (as reported, unadjusted) ×
     * the {@code shares} held at the close before {@code exDate}.
     */
    record DividendReceived(
            String symbol,
            LocalDate exDate,
            LocalDate payDate,
            BigDecimal perShare,
            BigDecimal shares,
            BigDecimal amount) {}

    /**
     * One held position on one trading day; close, price date, value and P&L are null when
     * unpriced. {@code priceStatus}: CURRENT (a close of that day), CARRIED (an earlier close, at
     * most 5 sessions old), STALE (older) or UNPRICED.
     */
    record Position(
            String symbol,
            BigDecimal quantity,
            BigDecimal closePrice,
            LocalDate priceDate,
            BigDecimal marketValue,
            BigDecimal costBasis,
            BigDecimal unrealizedPnl,
            String priceStatus) {}

    /** The positions of one account on one date (null date: no snapshot yet). */
    record PositionsOn(LocalDate date, List<Position> positions) {}
}
