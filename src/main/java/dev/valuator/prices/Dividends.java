package dev.valuator.prices;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns {@code dividends} (cash dividends in USD, unadjusted, as the provider reports them) and
 * {@code dividend_fetches} (how far back each symbol's dividends are known, and the day they were
 * last read: at most once a day).
 */
@Repository
public class Dividends {

    // a row counts as changed only when what the valuation uses changed (amount, ex-date, pay date)
    private static final String UPSERT = """
            INSERT INTO dividends (symbol, ex_date, dividend_key, cash_amount, pay_date, declaration_date, frequency,
                                   distribution_type, fetched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (symbol, ex_date, dividend_key) DO UPDATE
               SET cash_amount = excluded.cash_amount, pay_date = excluded.pay_date,
                   declaration_date = excluded.declaration_date, frequency = excluded.frequency,
                   distribution_type = excluded.distribution_type, fetched_at = excluded.fetched_at
             WHERE (dividends.cash_amount, dividends.pay_date)
                   IS DISTINCT FROM (excluded.cash_amount, excluded.pay_date)""";

    // a record the provider now reports under another ex-date or amount replaces the old one
    private static final String DROP_REPLACED = """
            DELETE FROM dividends WHERE symbol = ? AND dividend_key = ? AND ex_date <> ?""";

    private static final String COVERAGE = """
            SELECT symbol, covered_from, fetched_on FROM dividend_fetches WHERE symbol = ANY(?::text[])""";

    private static final String RECORD_FETCH = """
            INSERT INTO dividend_fetches (symbol, covered_from, fetched_on, fetched_at)
            SELECT s, ?, ?, ? FROM unnest(?::text[]) AS s
            ON CONFLICT (symbol) DO UPDATE
               SET covered_from = least(dividend_fetches.covered_from, excluded.covered_from),
                   fetched_on = excluded.fetched_on, fetched_at = excluded.fetched_at""";

    private static final String OF_SYMBOL = """
            SELECT symbol, ex_date, dividend_key, cash_amount, pay_date, declaration_date, frequency, distribution_type
            FROM dividends WHERE symbol = ? ORDER BY ex_date, dividend_key""";

    private final JdbcClient jdbc;

    Dividends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What is known of a symbol's dividends: from which date on they were read, and when last.
     *
     * @param coveredFrom every dividend with an ex-date from this day on has been asked for
     * @param fetchedOn the New York day of the last read
     */
    public record Coverage(LocalDate coveredFrom, LocalDate fetchedOn) {}

    /** Symbol → its coverage, for those of these symbols ever read. */
    public Map<String, Coverage> coverage(JdbcClient run, Collection<String> symbols) {
        Map<String, Coverage> coverage = new HashMap<>();
        run.sql(COVERAGE).param(symbols.toArray(String[]::new)).query(rs -> {
            coverage.put(
                    rs.getString(1), new Coverage(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
        });
        return coverage;
    }

    /** Stores dividends; returns those that were new or changed (the history they touch is restated). */
    public List<Dividend> upsert(JdbcClient run, List<Dividend> dividends, Instant fetchedAt) {
        List<Dividend> changed = new ArrayList<>();
        for (Dividend d : dividends) {
            int dropped = run.sql(DROP_REPLACED)
                    .params(d.symbol(), d.key(), d.exDate())
                    .update();
            int written = run.sql(UPSERT)
                    .params(
                            d.symbol(),
                            d.exDate(),
                            d.key(),
                            d.cashAmount(),
                            d.payDate(),
                            d.declarationDate(),
                            d.frequency(),
                            d.distributionType(),
                            fetchedAt.atOffset(ZoneOffset.UTC))
                    .update();
            if (written + dropped > 0) {
                changed.add(d);
            }
        }
        return changed;
    }

    /** Records that these symbols' dividends from {@code coveredFrom} on were read on {@code day}. */
    public void recordFetched(
            JdbcClient run, Collection<String> symbols, LocalDate coveredFrom, LocalDate day, Instant fetchedAt) {
        run.sql(RECORD_FETCH)
                .params(coveredFrom, day, fetchedAt.atOffset(ZoneOffset.UTC), symbols.toArray(String[]::new))
                .update();
    }

    /** One symbol's stored dividends, oldest first. */
    public List<Dividend> of(String symbol) {
        return jdbc.sql(OF_SYMBOL)
                .param(symbol)
                .query((rs, i) -> new Dividend(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        toLocalDate(rs.getDate(5)),
                        toLocalDate(rs.getDate(6)),
                        (Integer) rs.getObject(7),
                        rs.getString(8)))
                .list();
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
