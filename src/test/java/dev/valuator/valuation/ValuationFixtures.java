package dev.valuator.valuation;

import dev.valuator.support.TestRunContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Ledger and market-data states as plain SQL, and a way to run the phase over them. */
final class ValuationFixtures {

    static final LocalDate JAN_2 = LocalDate.of(2025, 1, 2);
    static final LocalDate JAN_3 = LocalDate.of(2025, 1, 3);
    static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
    static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
    static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
    static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
    static final LocalDate JAN_10 = LocalDate.of(2025, 1, 10);

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ValuationPhase phase;

    ValuationFixtures(JdbcTemplate jdbc, ValuationPhase phase) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.phase = phase;
    }

    void anAccount(String accountId) {
        jdbc.update(
                "INSERT INTO accounts (account_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                accountId,
                accountId,
                CREATED,
                CREATED);
    }

    long aBuy(String accountId, String symbol, LocalDate date, String quantity, String price, String fees) {
        return aTrade(accountId, symbol, date, "BUY", quantity, price, fees);
    }

    long aBuy(String accountId, String symbol, LocalDate date, String quantity, String price) {
        return aBuy(accountId, symbol, date, quantity, price, "0");
    }

    long aSell(String accountId, String symbol, LocalDate date, String quantity, String price) {
        return aTrade(accountId, symbol, date, "SELL", quantity, price, "0");
    }

    long aTrade(
            String accountId, String symbol, LocalDate date, String side, String quantity, String price, String fees) {
        return jdbc.queryForObject(
                """
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, fees, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING trade_id""",
                Long.class,
                accountId,
                symbol,
                date,
                side,
                new BigDecimal(quantity),
                new BigDecimal(price),
                new BigDecimal(fees),
                CREATED);
    }

    /** What the holdings module does when a trade is posted or removed after the fact. */
    void aLedgerChange(String accountId, LocalDate tradeDate) {
        jdbc.update("""
                UPDATE accounts SET snapshots_stale_from = least(snapshots_stale_from, ?),
                                    ledger_version = ledger_version + 1
                WHERE account_id = ?""", tradeDate, accountId);
    }

    void aRemovedTrade(String accountId, long tradeId, LocalDate tradeDate) {
        jdbc.update("DELETE FROM trades WHERE trade_id = ?", tradeId);
        aLedgerChange(accountId, tradeDate);
    }

    void aSplit(String symbol, LocalDate executionDate, String from, String to) {
        jdbc.update("""
                INSERT INTO split_events (symbol, execution_date, split_from, split_to, fetched_at)
                VALUES (?, ?, ?, ?, ?)""", symbol, executionDate, new BigDecimal(from), new BigDecimal(to), CREATED);
    }

    /** A USD cash dividend as the provider reports it: {@code perShare}, unadjusted. */
    void aDividend(String symbol, LocalDate exDate, String perShare) {
        jdbc.update("""
                INSERT INTO dividends (symbol, ex_date, dividend_key, cash_amount, pay_date, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?)""", symbol, exDate, symbol + exDate, new BigDecimal(perShare), exDate.plusDays(14), CREATED);
    }

    void aClose(String symbol, LocalDate date, String close) {
        BigDecimal price = new BigDecimal(close);
        jdbc.update("""
                INSERT INTO daily_prices (symbol, trade_date, open, high, low, close, volume, provisional, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?, 1000, false, ?)""", symbol, date, price, price, price, price, CREATED);
    }

    /** A day the market traded: some symbol nobody holds has a bar. */
    void aMarketDay(LocalDate... dates) {
        for (LocalDate date : dates) {
            aClose("MKT", date, "1");
        }
    }

    void aClosure(LocalDate date) {
        jdbc.update("""
                INSERT INTO market_closures (closure_date, status, reason, source, recorded_at)
                VALUES (?, 'CLOSED', 'test', 'EVIDENCE', ?)""", date, CREATED);
    }

    ValuationSummary valueAll(UUID jobId) {
        return phase.run(new ValuationRequest(null, null, null, null), new TestRunContext(dataSource, jobId));
    }

    ValuationSummary value(ValuationRequest request, UUID jobId) {
        return phase.run(request, new TestRunContext(dataSource, jobId));
    }

    Map<String, Object> position(String accountId, LocalDate date, String symbol) {
        return jdbc.queryForMap(
                "SELECT * FROM position_valuations WHERE account_id = ? AND valuation_date = ? AND symbol = ?",
                accountId,
                date,
                symbol);
    }

    Map<String, Object> snapshot(String accountId, LocalDate date) {
        return jdbc.queryForMap(
                "SELECT * FROM portfolio_snapshots WHERE account_id = ? AND snapshot_date = ?", accountId, date);
    }
}
