-- Corporate actions besides splits (docs/valuation.md "Corporate actions"): what happened to a
-- symbol, entered by hand or learned from the provider, applied by the valuation engine.

-- One action per symbol: after it the symbol is gone (renamed, merged or cashed out), so a later
-- action on the same symbol contradicts it. ratio: new shares per old share (1 for a ticker
-- change); cash_per_share: merger cash (income) or the cash-out price.
CREATE TABLE corporate_actions (
    action_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_type    text        NOT NULL CHECK (action_type IN ('TICKER_CHANGE', 'STOCK_MERGER', 'CASH_OUT')),
    symbol         text        NOT NULL CHECK (symbol ~ '^[A-Z][A-Za-z0-9.]{0,15}$'),
    new_symbol     text        CHECK (new_symbol ~ '^[A-Z][A-Za-z0-9.]{0,15}$' AND new_symbol <> symbol),
    action_date    date        NOT NULL,
    ratio          numeric     NOT NULL DEFAULT 1 CHECK (ratio > 0),
    cash_per_share numeric     NOT NULL DEFAULT 0 CHECK (cash_per_share >= 0),
    source         text        NOT NULL CHECK (source IN ('MANUAL', 'PROVIDER')),
    recorded_at    timestamptz NOT NULL,
    CHECK ((action_type = 'CASH_OUT') = (new_symbol IS NULL)),
    CONSTRAINT corporate_actions_one_per_symbol UNIQUE (symbol)
);
CREATE INDEX corporate_actions_new_symbol ON corporate_actions (new_symbol);

-- What the provider was asked about a held symbol that stopped appearing in the daily answers,
-- and what it said: asked at most a few calls per symbol, never again once answered.
CREATE TABLE symbol_inquiries (
    symbol         text        PRIMARY KEY,
    missing_since  date        NOT NULL,
    composite_figi text,
    active         boolean,
    delisted_on    date,
    new_symbol     text,
    change_date    date,
    calls          integer     NOT NULL DEFAULT 0,
    answered       boolean     NOT NULL DEFAULT false,
    asked_at       timestamptz NOT NULL
);

-- Money an action moved on its date, per account: merger cash (income) and cash-out proceeds
-- with their realized P&L. Written by the valuation phase with the snapshots it restates.
CREATE TABLE action_flows (
    account_id   text        NOT NULL,
    flow_date    date        NOT NULL,
    symbol       text        NOT NULL,
    action_type  text        NOT NULL,
    quantity     numeric     NOT NULL,
    income       numeric     NOT NULL,
    proceeds     numeric     NOT NULL,
    realized_pnl numeric     NOT NULL,
    job_id       uuid,
    PRIMARY KEY (account_id, flow_date, symbol)
);

-- The position's price status (CURRENT, CARRIED, STALE, UNPRICED), computed with its close.
ALTER TABLE position_valuations ADD COLUMN price_status text;

-- On Citus: market data is replicated, account-scoped rows distributed (V1_5's rules).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'corporate_actions'::regclass) THEN
        PERFORM create_reference_table('corporate_actions');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'symbol_inquiries'::regclass) THEN
        PERFORM create_reference_table('symbol_inquiries');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'action_flows'::regclass) THEN
        PERFORM create_distributed_table('action_flows', 'account_id', colocate_with => 'accounts');
    END IF;
END $$;

-- the alert report's stale holdings: a probe of the few stale rows, not a scan of all positions
CREATE INDEX position_valuations_stale ON position_valuations (valuation_date) WHERE price_status = 'STALE';
