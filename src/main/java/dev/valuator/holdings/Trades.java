package dev.valuator.holdings;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code trades} table: the ledger. */
@Repository
public class Trades {

    // one round trip for the whole upload; re-posted externalIds are skipped by the unique key
    private static final String INSERT = """
            INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, external_id, created_at)
            SELECT ?, u.symbol, u.trade_date, u.side, u.quantity, u.price, u.fees, u.external_id, ?
              FROM unnest(?::text[], ?::date[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[])
                   AS u(symbol, trade_date, side, quantity, price, fees, external_id)
            ON CONFLICT (account_id, external_id) DO NOTHING
            RETURNING trade_id
            """;
    private static final String LIST = """
            SELECT trade_id, symbol, trade_date, side, quantity, price, fees, external_id, created_at
              FROM trades WHERE account_id = :account
             ORDER BY trade_date, trade_id
            """;
    private static final String DELETE = """
            DELETE FROM trades WHERE account_id = :account AND trade_id = :id
            RETURNING trade_id, symbol, trade_date, side, quantity, price, fees, external_id, created_at
            """;
    /*
     * End-of-day positions that went negative, for the given positions of one account: a position
     * is the trades of the symbols that continue into one another through corporate actions (a
     * ticker change's old and new symbol), each listed with its position. Quantities are compared
     * in "final" units scaled by the product of every share-count change's split_from, which needs
     * only multiplication (exact): qty × Π(to of changes after the trade) × Π(from of changes
     * on/before it). The scale factor is positive and the same for every trade of a position, so
     * signs are kept.
     */
    private static final String OVERSOLD = """
            WITH splits AS (
                SELECT * FROM unnest(?::text[], ?::text[]::date[], ?::text[]::numeric[], ?::text[]::numeric[])
                           AS s(symbol, execution_date, split_from, split_to)
            ), positions AS (
                SELECT * FROM unnest(?::text[], ?::text[]) AS p(symbol, position)
            ), scaled AS (
                SELECT p.position AS symbol, t.trade_date,
                       CASE t.side WHEN 'BUY' THEN t.quantity ELSE -t.quantity END
                         * COALESCE((SELECT numeric_product(CASE WHEN s.execution_date > t.trade_date
                                                                 THEN s.split_to ELSE s.split_from END)
                                       FROM splits s WHERE s.symbol = p.position), 1) AS delta
                  FROM trades t
                  JOIN positions p ON p.symbol = t.symbol
                 WHERE t.account_id = ?
            ), daily AS (
                SELECT symbol, trade_date, sum(delta) AS delta FROM scaled GROUP BY symbol, trade_date
            ), running AS (
                SELECT symbol, trade_date,
                       sum(delta) OVER (PARTITION BY symbol ORDER BY trade_date) AS held
                  FROM daily
            )
            SELECT r.symbol, r.trade_date,
                   round(r.held / COALESCE((SELECT numeric_product(CASE WHEN s.execution_date > r.trade_date
                                                                   THEN s.split_to ELSE s.split_from END)
                                              FROM splits s WHERE s.symbol = r.symbol), 1), 8) AS held
              FROM running r
             WHERE r.held < 0
             ORDER BY r.symbol, r.trade_date
            """;

    private static final String TRADED_BEFORE = """
            SELECT t.account_id, min(c.day)
            FROM unnest(?::text[], ?::text[]::date[]) AS c(symbol, day)
            JOIN trades t ON t.symbol = c.symbol AND t.trade_date < c.day
            GROUP BY t.account_id""";

    private static final String FIRST_TRADE_DATES = """
            SELECT symbol, min(trade_date) FROM trades
             WHERE (CAST(:account AS text) IS NULL OR account_id = :account)
             GROUP BY symbol""";

    // a symbol some account holds, by the trades as recorded (a split between a buy and a sell may
    // make a sold-out symbol look held: a caller asks about it once too often, never too rarely)
    private static final String HELD_SYMBOLS = """
            SELECT DISTINCT symbol FROM (
                SELECT account_id, symbol, sum(CASE side WHEN 'BUY' THEN quantity ELSE -quantity END) AS net
                FROM trades GROUP BY account_id, symbol) x
            WHERE net <> 0""";

    // the accounts with a trade of these symbols in [from, through]
    private static final String ACCOUNTS_TRADING = """
            SELECT DISTINCT account_id FROM trades
             WHERE symbol = ANY (?::text[]) AND trade_date >= ? AND trade_date <= ?
             ORDER BY account_id""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    Trades(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /** Inserts the trades in one statement; returns how many were new (the rest were known externalIds). */
    int insert(String accountId, List<NewTrade> trades, Instant now) {
        int n = trades.size();
        String[] symbols = new String[n];
        Date[] dates = new Date[n];
        String[] sides = new String[n];
        BigDecimal[] quantities = new BigDecimal[n];
        BigDecimal[] prices = new BigDecimal[n];
        BigDecimal[] fees = new BigDecimal[n];
        String[] externalIds = new String[n];
        for (int i = 0; i < n; i++) {
            TradeTerms t = trades.get(i).terms();
            symbols[i] = t.symbol();
            dates[i] = Date.valueOf(t.tradeDate());
            sides[i] = t.side().name();
            quantities[i] = t.quantity();
            prices[i] = t.price();
            fees[i] = t.fees();
            externalIds[i] = t.externalId();
        }
        List<Long> inserted = jdbcTemplate.execute(
                (Connection connection) -> {
                    PreparedStatement statement = connection.prepareStatement(INSERT);
                    statement.setString(1, accountId);
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setArray(3, array(connection, "text", symbols));
                    statement.setArray(4, array(connection, "date", dates));
                    statement.setArray(5, array(connection, "text", sides));
                    statement.setArray(6, array(connection, "numeric", quantities));
                    statement.setArray(7, array(connection, "numeric", prices));
                    statement.setArray(8, array(connection, "numeric", fees));
                    statement.setArray(9, array(connection, "text", externalIds));
                    return statement;
                },
                (PreparedStatement statement) -> {
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids;
                });
        return inserted == null ? 0 : inserted.size();
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    public List<Trade> list(String accountId) {
        return jdbc.sql(LIST).param("account", accountId).query(Trades::map).list();
    }

    Optional<Trade> delete(String accountId, long tradeId) {
        return jdbc.sql(DELETE)
                .param("account", accountId)
                .param("id", tradeId)
                .query(Trades::map)
                .optional();
    }

    /**
     * Account → the earliest of these (symbol, date) pairs for which it traded the symbol before the
     * date: the accounts whose history a fact about the symbol from that date on may change.
     */
    public static Map<String, LocalDate> tradedBefore(JdbcClient run, List<String> symbols, List<LocalDate> dates) {
        Map<String, LocalDate> accounts = new TreeMap<>();
        run.sql(TRADED_BEFORE)
                .params(
                        symbols.toArray(String[]::new),
                        dates.stream().map(LocalDate::toString).toArray(String[]::new))
                .query(rs -> {
                    accounts.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                });
        return accounts;
    }

    /** Symbol → its first trade date, over one account or (null) all of them, on the given (run's) connection. */
    public static Map<String, LocalDate> firstTradeDates(JdbcClient run, String accountId) {
        Map<String, LocalDate> first = new TreeMap<>();
        run.sql(FIRST_TRADE_DATES).param("account", accountId).query(rs -> {
            first.put(rs.getString(1), rs.getObject(2, LocalDate.class));
        });
        return first;
    }

    /** The symbols some account holds, on the given (run's) connection. */
    public static java.util.Set<String> heldSymbols(JdbcClient run) {
        return new java.util.TreeSet<>(run.sql(HELD_SYMBOLS).query(String.class).list());
    }

    /**
     * The accounts with a trade of any of these symbols dated in [{@code from}, {@code through}],
     * on the given connection.
     */
    public static List<String> accountsTrading(
            JdbcClient db, Collection<String> symbols, LocalDate from, LocalDate through) {
        return db.sql(ACCOUNTS_TRADING)
                .params(symbols.toArray(String[]::new), from, through)
                .query(String.class)
                .list();
    }

    /** End-of-day positions below zero among these symbols of the account (after this transaction's changes). */
    List<Oversold> oversold(String accountId, SplitSource.Lineage lineage) {
        if (lineage.positions().isEmpty()) {
            return List.of();
        }
        List<SplitSource.Split> splits = lineage.splits();
        return jdbc.sql(OVERSOLD)
                .params(
                        splits.stream().map(SplitSource.Split::symbol).toArray(String[]::new),
                        splits.stream().map(x -> x.executionDate().toString()).toArray(String[]::new),
                        splits.stream().map(x -> x.splitFrom().toPlainString()).toArray(String[]::new),
                        splits.stream().map(x -> x.splitTo().toPlainString()).toArray(String[]::new),
                        lineage.positions().keySet().toArray(String[]::new),
                        lineage.positions().values().toArray(String[]::new),
                        accountId)
                .query((rs, row) -> new Oversold(
                        rs.getString("symbol"), rs.getObject("trade_date", LocalDate.class), rs.getBigDecimal("held")))
                .list();
    }

    /**
     * A date on which a symbol's position would be negative.
     *
     * @param symbol ticker
     * @param date first such date
     * @param held the (negative) position on that date, in that date's shares
     */
    record Oversold(String symbol, LocalDate date, BigDecimal held) {}

    private static Trade map(ResultSet rs, int row) throws SQLException {
        TradeTerms terms = new TradeTerms(
                rs.getString("symbol"),
                rs.getObject("trade_date", LocalDate.class),
                Side.valueOf(rs.getString("side")),
                rs.getBigDecimal("quantity").stripTrailingZeros(),
                rs.getBigDecimal("price").stripTrailingZeros(),
                rs.getBigDecimal("fees").stripTrailingZeros(),
                rs.getString("external_id"));
        return new Trade(
                rs.getLong("trade_id"), terms, rs.getTimestamp("created_at").toInstant());
    }
}
