package dev.valuator.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties the domain tables between tests (the schema stays). */
public final class Tables {

    private Tables() {}

    public static void truncateAll(JdbcTemplate jdbc) {
        jdbc.execute("""
                TRUNCATE accounts, trades, daily_prices, split_events, split_fetches, market_closures,
                         grouped_fetches, symbol_fetches, provider_fetches, position_valuations,
                         portfolio_snapshots, refresh_jobs, corporate_actions, symbol_inquiries, action_flows,
                         dividends, dividend_fetches, dividend_income
                RESTART IDENTITY CASCADE""");
        // ShedLock remembers which lock rows it inserted, so its rows are released, never deleted
        jdbc.update("UPDATE shedlock SET lock_until = timestamp '2000-01-01'");
        jdbc.update("""
                UPDATE freshness SET last_price_fetched_at = NULL, latest_price_date = NULL,
                       last_valuation_materialized_at = NULL, latest_snapshot_date = NULL""");
    }

    /** Forgets stored market data and fetch coverage, so the next run must ask the provider again. */
    public static void forgetMarketData(JdbcTemplate jdbc) {
        jdbc.execute("""
                TRUNCATE daily_prices, split_events, split_fetches, grouped_fetches, symbol_fetches,
                         provider_fetches, symbol_inquiries, dividends, dividend_fetches""");
    }
}
