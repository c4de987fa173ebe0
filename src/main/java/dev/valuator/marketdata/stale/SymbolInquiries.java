package dev.valuator.marketdata.stale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code symbol_inquiries}: what the provider was asked about a held symbol that stopped
 * appearing in its daily answers, how many calls that took, and what it said (delisted on a
 * date, changed to a ticker). An answered inquiry is never asked again.
 */
@Repository
public class SymbolInquiries {

    private static final String COLUMNS = """
            symbol, missing_since, composite_figi, active, delisted_on, new_symbol, change_date, calls, answered,
            asked_at""";

    private static final String OF_SYMBOLS =
            "SELECT " + COLUMNS + " FROM symbol_inquiries WHERE symbol = ANY (CAST(:symbols AS text[]))";

    private static final String SAVE = """
            INSERT INTO symbol_inquiries (symbol, missing_since, composite_figi, active, delisted_on, new_symbol,
                                          change_date, calls, answered, asked_at)
            VALUES (:symbol, :missingSince, :figi, :active, :delistedOn, :newSymbol, :changeDate, :calls, :answered,
                    :askedAt)
            ON CONFLICT (symbol) DO UPDATE
               SET missing_since = excluded.missing_since, composite_figi = excluded.composite_figi,
                   active = excluded.active, delisted_on = excluded.delisted_on, new_symbol = excluded.new_symbol,
                   change_date = excluded.change_date, calls = excluded.calls, answered = excluded.answered,
                   asked_at = excluded.asked_at""";

    private final JdbcClient jdbc;

    SymbolInquiries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What is known about one symbol that stopped trading.
     *
     * @param symbol the held symbol
     * @param missingSince the first session it had no close
     * @param compositeFigi its composite FIGI, once learned
     * @param active whether the provider lists it as trading (null: not known)
     * @param delistedOn the date the provider says it stopped trading, if it says so
     * @param newSymbol the ticker the provider says it became, if it says so
     * @param changeDate the date of that change
     * @param calls provider calls spent on it so far
     * @param answered whether the provider answered (then it is never asked again)
     * @param askedAt when it was last asked
     */
    public record Inquiry(
            String symbol,
            LocalDate missingSince,
            String compositeFigi,
            Boolean active,
            LocalDate delistedOn,
            String newSymbol,
            LocalDate changeDate,
            int calls,
            boolean answered,
            Instant askedAt) {}

    /** The inquiries of these symbols, by symbol. */
    public Map<String, Inquiry> of(JdbcClient db, Collection<String> symbols) {
        Map<String, Inquiry> found = new TreeMap<>();
        db.sql(OF_SYMBOLS)
                .param("symbols", symbols.toArray(String[]::new))
                .query(SymbolInquiries::map)
                .list()
                .forEach(i -> found.put(i.symbol(), i));
        return found;
    }

    public Map<String, Inquiry> of(Collection<String> symbols) {
        return of(jdbc, symbols);
    }

    void save(JdbcClient db, Inquiry inquiry) {
        db.sql(SAVE)
                .param("symbol", inquiry.symbol())
                .param("missingSince", inquiry.missingSince())
                .param("figi", inquiry.compositeFigi())
                .param("active", inquiry.active())
                .param("delistedOn", inquiry.delistedOn())
                .param("newSymbol", inquiry.newSymbol())
                .param("changeDate", inquiry.changeDate())
                .param("calls", inquiry.calls())
                .param("answered", inquiry.answered())
                .param("askedAt", inquiry.askedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    private static Inquiry map(ResultSet rs, int row) throws SQLException {
        return new Inquiry(
                rs.getString("symbol"),
                rs.getObject("missing_since", LocalDate.class),
                rs.getString("composite_figi"),
                (Boolean) rs.getObject("active"),
                rs.getObject("delisted_on", LocalDate.class),
                rs.getString("new_symbol"),
                rs.getObject("change_date", LocalDate.class),
                rs.getInt("calls"),
                rs.getBoolean("answered"),
                rs.getTimestamp("asked_at").toInstant());
    }
}
