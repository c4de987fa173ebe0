-- Keys and indexes for a daily run whose cost follows what changed, not the history behind it
-- (docs/performance.md), and for distributing the account-scoped tables by account (docs/scaling.md).

-- every account-scoped table's key starts with account_id: Citus can only distribute a table on a
-- column its unique constraints contain
ALTER TABLE trades DROP CONSTRAINT trades_pkey;
ALTER TABLE trades ADD PRIMARY KEY (account_id, trade_id);

-- an account's trades after a date (the daily run reads only those) and its first trade date
CREATE INDEX trades_account_date ON trades (account_id, trade_date);

-- the newest snapshot date of all accounts (freshness) without reading every account's index
CREATE INDEX portfolio_snapshots_date ON portfolio_snapshots (snapshot_date);

-- splits learned since a snapshot was written invalidate the positions carried from it
CREATE INDEX split_events_fetched_at ON split_events (fetched_at);
