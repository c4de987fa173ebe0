-- Valuator schema: ledger, market data, valuations, refresh bookkeeping.
-- Money, prices and quantities are NUMERIC (exact decimals) everywhere.

-- exact product of NUMERICs (split factors): numeric_mul never rounds
CREATE AGGREGATE numeric_product(numeric) (SFUNC = numeric_mul, STYPE = numeric, INITCOND = '1');

-- ---------------------------------------------------------------- holdings
CREATE TABLE accounts (
    account_id           text        PRIMARY KEY CHECK (account_id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    -- earliest date whose snapshots a ledger change invalidated; cleared by the valuation
    -- phase only if ledger_version is still the one it read (see valuation package)
    snapshots_stale_from date,
    ledger_version       bigint      NOT NULL DEFAULT 0
);

CREATE TABLE trades (
    trade_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  text          NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    symbol      text          NOT NULL CHECK (symbol ~ '^[A-Z][A-Za-z0-9.]{0,15}$'),
    trade_date  date          NOT NULL,
    side        text          NOT NULL CHECK (side IN ('BUY', 'SELL')),
    quantity    numeric(28, 8) NOT NULL CHECK (quantity > 0),
    price       numeric(28, 8) NOT NULL CHECK (price > 0),
    fees        numeric(20, 8) NOT NULL DEFAULT 0 CHECK (fees >= 0),
    external_id text          CHECK (length(external_id) BETWEEN 1 AND 128),
    created_at  timestamptz   NOT NULL,
    CONSTRAINT trades_external_id_unique UNIQUE (account_id, external_id)
);
CREATE INDEX trades_account_symbol_date ON trades (account_id, symbol, trade_date, trade_id);
CREATE INDEX trades_symbol_date ON trades (symbol, trade_date);

-- ---------------------------------------------------------------- market data
-- Unadjusted end-of-day bars exactly as Polygon reports them (adjusted=false).
CREATE TABLE daily_prices (
    symbol       text        NOT NULL,
    trade_date   date        NOT NULL,
    open         numeric     NOT NULL,
    high         numeric     NOT NULL,
    low          numeric     NOT NULL,
    close        numeric     NOT NULL CHECK (close > 0),
    volume       numeric     NOT NULL,
    vwap         numeric,
    transactions bigint,
    -- the latest session's bar until a fetch after the next session's close confirms it
    provisional  boolean     NOT NULL,
    fetched_at   timestamptz NOT NULL,
    PRIMARY KEY (symbol, trade_date)
);
CREATE INDEX daily_prices_trade_date ON daily_prices (trade_date);

CREATE TABLE split_events (
    symbol         text        NOT NULL,
    execution_date date        NOT NULL,
    split_from     numeric     NOT NULL CHECK (split_from > 0),
    split_to       numeric     NOT NULL CHECK (split_to > 0),
    provider_id    text,
    fetched_at     timestamptz NOT NULL,
    PRIMARY KEY (symbol, execution_date)
);

-- splits are fetched at most once per day per symbol
CREATE TABLE split_fetches (
    symbol     text PRIMARY KEY,
    fetched_on date        NOT NULL,
    fetched_at timestamptz NOT NULL
);

-- full-day closures and early closes learned from Polygon or from evidence (a grouped-daily
-- answer with no bars for a past weekday); rule-based holidays are computed in code
CREATE TABLE market_closures (
    closure_date date        PRIMARY KEY,
    status       text        NOT NULL CHECK (status IN ('CLOSED', 'EARLY_CLOSE')),
    reason       text        NOT NULL,
    source       text        NOT NULL CHECK (source IN ('POLYGON_UPCOMING', 'EVIDENCE')),
    recorded_at  timestamptz NOT NULL
);

-- which dates a grouped-daily call covered for every symbol (so a symbol without a bar that
-- day is not fetched again), and whether that coverage is final
CREATE TABLE grouped_fetches (
    trade_date   date        PRIMARY KEY,
    result_count integer     NOT NULL,
    final        boolean     NOT NULL,
    fetched_at   timestamptz NOT NULL
);

-- the date range a per-symbol range call covered (final part only)
CREATE TABLE symbol_fetches (
    symbol          text        PRIMARY KEY,
    covered_from    date        NOT NULL,
    covered_through date        NOT NULL,
    fetched_at      timestamptz NOT NULL,
    CHECK (covered_from <= covered_through)
);

-- once-a-day provider reads that are not per symbol (upcoming market closures)
CREATE TABLE provider_fetches (
    name       text PRIMARY KEY,
    fetched_on date        NOT NULL,
    fetched_at timestamptz NOT NULL
);

-- ---------------------------------------------------------------- valuations
-- No foreign key to accounts: checked per row it costs more than the insert itself when the
-- valuation phase writes millions of rows (docs/performance.md). Every row has a snapshot of the
-- same (account, date), which does reference accounts; deleting an account must delete its
-- position_valuations too.
CREATE TABLE position_valuations (
    account_id     text    NOT NULL,
    valuation_date date    NOT NULL,
    symbol         text    NOT NULL,
    quantity       numeric NOT NULL,
    cost_basis     numeric NOT NULL,
    close_price    numeric,
    price_date     date,
    market_value   numeric,
    unrealized_pnl numeric,
    job_id         uuid,
    PRIMARY KEY (account_id, valuation_date, symbol)
);

CREATE TABLE portfolio_snapshots (
    account_id            text        NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    snapshot_date         date        NOT NULL,
    total_value           numeric     NOT NULL,
    total_cost            numeric     NOT NULL,
    total_pnl             numeric     NOT NULL,
    pnl_percent           numeric     NOT NULL,
    position_count        integer     NOT NULL,
    priced_position_count integer     NOT NULL,
    partial               boolean     NOT NULL,
    job_id                uuid,
    materialized_at       timestamptz NOT NULL,
    PRIMARY KEY (account_id, snapshot_date)
);

-- one row: what the freshness endpoint reports, kept current by the phases (O(1) to read)
CREATE TABLE freshness (
    id                             boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_price_fetched_at          timestamptz,
    latest_price_date              date,
    last_valuation_materialized_at timestamptz,
    latest_snapshot_date           date
);
INSERT INTO freshness (id) VALUES (true);

-- ---------------------------------------------------------------- refresh
CREATE TABLE refresh_jobs (
    job_id           uuid        PRIMARY KEY,
    trigger          text        NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULED')),
    source           text        NOT NULL CHECK (source IN ('CRON_HTTP', 'TIMER', 'MANUAL_HTTP', 'CLI')),
    status           text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED_CONFLICT')),
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    duration_ms      bigint,
    request          jsonb       NOT NULL DEFAULT '{}',
    price            jsonb,
    valuation        jsonb,
    error            text,
    -- SKIPPED_CONFLICT rows name the run that held the lock
    running_job_id   uuid,
    -- the backend holding the advisory lock for a RUNNING row: the reaper reads pg_locks for it
    lock_backend_pid integer,
    instance_id      text,
    deadline_at      timestamptz
);
CREATE INDEX refresh_jobs_newest ON refresh_jobs (started_at DESC, job_id DESC);
CREATE INDEX refresh_jobs_status_newest ON refresh_jobs (status, started_at DESC, job_id DESC);
CREATE INDEX refresh_jobs_trigger_newest ON refresh_jobs (trigger, started_at DESC, job_id DESC);
CREATE INDEX refresh_jobs_trigger_status_newest ON refresh_jobs (trigger, status, started_at DESC, job_id DESC);
CREATE INDEX refresh_jobs_running ON refresh_jobs (started_at) WHERE status = 'RUNNING';
CREATE INDEX refresh_jobs_finished_newest ON refresh_jobs (finished_at DESC)
    WHERE status IN ('SUCCEEDED', 'FAILED');

-- ShedLock: removes duplicate timer ticks across instances (the advisory lock still decides)
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
