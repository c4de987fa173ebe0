package dev.valuator.prices;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code corporate_actions}: ticker changes, stock mergers and cash-outs, recorded by hand or
 * learned from the provider. At most one action per symbol (after it the symbol is gone). The
 * valuation engine reads the table in its set-based statements (docs/architecture.md).
 */
@Repository
public class CorporateActions {

    private static final String COLUMNS = """
            action_id, action_type, symbol, new_symbol, action_date, ratio, cash_per_share, source, recorded_at""";

    private static final String INSERT = """
            INSERT INTO corporate_actions (action_type, symbol, new_symbol, action_date, ratio, cash_per_share,
                                           source, recorded_at)
            VALUES (:type, :symbol, :newSymbol, :date, :ratio, :cash, :source, :recordedAt)
            ON CONFLICT (symbol) DO NOTHING
            """ + " RETURNING " + COLUMNS;

    private static final String LIST = "SELECT " + COLUMNS + """
             FROM corporate_actions
            WHERE CAST(:symbol AS text) IS NULL OR symbol = CAST(:symbol AS text) OR new_symbol = CAST(:symbol AS text)
            ORDER BY action_date, action_id""";

    private static final String OF_SYMBOL = "SELECT " + COLUMNS + " FROM corporate_actions WHERE symbol = :symbol";

    private static final String INTO_SYMBOL =
            "SELECT " + COLUMNS + " FROM corporate_actions WHERE new_symbol = :symbol ORDER BY action_date";

    private static final String DELETE = "DELETE FROM corporate_actions WHERE action_id = :id RETURNING " + COLUMNS;

    // every symbol whose shares become this one's through a chain of actions (its ancestors)
    private static final String BECOMING = """
            WITH RECURSIVE up (symbol, depth) AS (
                SELECT CAST(:symbol AS text), 0
                UNION
                SELECT a.symbol, u.depth + 1 FROM corporate_actions a JOIN up u ON a.new_symbol = u.symbol
                WHERE u.depth < 16
            )
            SELECT DISTINCT symbol FROM up""";

    private final JdbcClient jdbc;

    CorporateActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action; empty when its symbol already has one. */
    public Optional<CorporateAction> insert(JdbcClient db, CorporateAction action) {
        return db.sql(INSERT)
                .param("type", action.type().name())
                .param("symbol", action.symbol())
                .param("newSymbol", action.newSymbol())
                .param("date", action.date())
                .param("ratio", action.ratio())
                .param("cash", action.cashPerShare())
                .param("source", action.source().name())
                .param("recordedAt", action.recordedAt().atOffset(ZoneOffset.UTC))
                .query(CorporateActions::map)
                .optional();
    }

    public Optional<CorporateAction> insert(CorporateAction action) {
        return insert(jdbc, action);
    }

    /** Every action, or those of a symbol (as the old or the new one), oldest first. */
    public List<CorporateAction> list(String symbol) {
        return list(jdbc, symbol);
    }

    public List<CorporateAction> list(JdbcClient db, String symbol) {
        return db.sql(LIST).param("symbol", symbol).query(CorporateActions::map).list();
    }

    /** The action of a symbol, if it has one. */
    public Optional<CorporateAction> of(String symbol) {
        return jdbc.sql(OF_SYMBOL)
                .param("symbol", symbol)
                .query(CorporateActions::map)
                .optional();
    }

    /** The actions that turn other symbols into this one, oldest first. */
    public List<CorporateAction> into(String symbol) {
        return jdbc.sql(INTO_SYMBOL)
                .param("symbol", symbol)
                .query(CorporateActions::map)
                .list();
    }

    public Optional<CorporateAction> delete(long actionId) {
        return jdbc.sql(DELETE)
                .param("id", actionId)
                .query(CorporateActions::map)
                .optional();
    }

    /** The symbol and every symbol that became it through earlier actions. */
    public List<String> becoming(JdbcClient db, String symbol) {
        return db.sql(BECOMING).param("symbol", symbol).query(String.class).list();
    }

    private static CorporateAction map(ResultSet rs, int row) throws SQLException {
        BigDecimal ratio = rs.getBigDecimal("ratio");
        BigDecimal cash = rs.getBigDecimal("cash_per_share");
        return new CorporateAction(
                rs.getLong("action_id"),
                CorporateAction.Type.valueOf(rs.getString("action_type")),
                rs.getString("symbol"),
                rs.getString("new_symbol"),
                rs.getObject("action_date", LocalDate.class),
                ratio.stripTrailingZeros(),
                cash.stripTrailingZeros(),
                CorporateAction.Source.valueOf(rs.getString("source")),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
