package dev.valuator.support;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Ledger rows written straight to the database, for tests that run the service outside a test context. */
public final class Holdings {

    private Holdings() {}

    /** Account {@code accountId} holding {@code quantity} of {@code symbol} bought at {@code price} on 2026-01-05. */
    public static void anAccountHolding(JdbcTemplate jdbc, String accountId, String symbol, int quantity, int price) {
        jdbc.update("""
                INSERT INTO accounts (account_id, name, created_at, updated_at)
                VALUES (?, ?, now(), now()) ON CONFLICT DO NOTHING""", accountId, accountId);
        jdbc.update("""
                INSERT INTO trades (account_id, symbol, trade_date, side, quantity, price, created_at)
                VALUES (?, ?, ?, 'BUY', ?, ?, now())""", accountId, symbol, LocalDate.of(2026, 1, 5), quantity, price);
    }
}
