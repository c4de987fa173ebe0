-- Income and returns (docs/valuation.md "Income and returns").

-- Cash dividends in USD as Massive reports them (/stocks/v1/dividends): cash_amount per share,
-- unadjusted; one row per provider record (a regular and a special dividend may share an ex-date)
CREATE TABLE dividends (
    symbol            text        NOT NULL,
    ex_date           date        NOT NULL,
    dividend_key      text        NOT NULL,
    cash_amount       numeric     NOT NULL,
    pay_date          date,
    declaration_date  date,
    frequency         integer,
    distribution_type text,
    fetched_at        timestamptz NOT NULL,
    PRIMARY KEY (symbol, ex_date, dividend_key)
);

-- how far back each symbol's dividends are known, and the day they were last read (once a day)
CREATE TABLE dividend_fetches (
    symbol       text PRIMARY KEY,
    covered_from date        NOT NULL,
    fetched_on   date        NOT NULL,
    fetched_at   timestamptz NOT NULL
);

-- the dividends each account was entitled to (shares held at the close before the ex-date),
-- written by the valuation with the snapshots they enter
CREATE TABLE dividend_income (
    account_id   text    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    ex_date      date    NOT NULL,
    symbol       text    NOT NULL,
    dividend_key text    NOT NULL,
    per_share    numeric NOT NULL,
    shares       numeric NOT NULL,
    amount       numeric NOT NULL,
    pay_date     date,
    job_id       uuid,
    PRIMARY KEY (account_id, ex_date, symbol, dividend_key)
);

ALTER TABLE portfolio_snapshots
    ADD COLUMN income               numeric NOT NULL DEFAULT 0,
    ADD COLUMN income_to_date       numeric NOT NULL DEFAULT 0,
    ADD COLUMN realized_pnl_to_date numeric NOT NULL DEFAULT 0,
    ADD COLUMN net_flow             numeric NOT NULL DEFAULT 0;

-- snapshots written before these fields existed are restated by the next refresh
UPDATE accounts a
   SET snapshots_stale_from = least(coalesce(a.snapshots_stale_from, f.first_trade), f.first_trade)
  FROM (SELECT account_id, min(trade_date) AS first_trade FROM trades GROUP BY account_id) f
 WHERE f.account_id = a.account_id
   AND EXISTS (SELECT 1 FROM portfolio_snapshots p WHERE p.account_id = a.account_id);

-- On Citus (docs/scaling.md): the account's income rows live with the account, the market data is
-- a reference table. Plain PostgreSQL skips this block.
DO $$
DECLARE
    t text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'dividend_income'::regclass) THEN
        PERFORM create_distributed_table('dividend_income', 'account_id', colocate_with => 'accounts');
    END IF;
    FOREACH t IN ARRAY ARRAY['dividends', 'dividend_fetches'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass) THEN
            PERFORM create_reference_table(t::regclass);
        END IF;
    END LOOP;
END $$;
