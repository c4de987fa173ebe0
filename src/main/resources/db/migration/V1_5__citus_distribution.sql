-- Distribution by account (docs/scaling.md). Idempotent; one DO block, so it is a single statement.
--
-- Everywhere: trades' primary key becomes (account_id, trade_id) — Citus can only distribute a
-- table on a column that all its unique constraints contain (trades_external_id_unique already is
-- (account_id, external_id)). Skipped when the key already is that (e.g. after V1_4__account_keys).
--
-- Only where the citus extension is installed in this database (plain PostgreSQL skips the rest):
--   account-scoped tables  -> distributed on account_id, co-located with accounts
--   market-data tables     -> reference tables (a copy on every node)
--   freshness              -> Citus-managed local table (its UPDATE ... = (SELECT max(..) FROM <reference
--                             table>) is then planned on the coordinator instead of failing on a worker)
--   refresh_jobs, refresh_job_counts, shedlock, flyway_schema_history stay plain coordinator tables.
-- Tables already distributed / reference / in metadata (pg_dist_partition) are left alone, so a rerun (or a manual distribution) is harmless.
DO $$
DECLARE
    pk_name text;
    pk_cols name[];
    t       text;
    moved   regclass[] := '{}';   -- tables whose rows this run copied into shards
BEGIN
    -- ---------------------------------------------------------------- trades key (always)
    SELECT c.conname, array_agg(a.attname ORDER BY k.ord)
      INTO pk_name, pk_cols
      FROM pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.conrelid = 'trades'::regclass AND c.contype = 'p'
     GROUP BY c.conname;
    IF pk_cols IS DISTINCT FROM ARRAY['account_id', 'trade_id']::name[] THEN
        IF pk_name IS NOT NULL THEN
            EXECUTE format('ALTER TABLE trades DROP CONSTRAINT %I', pk_name);
        END IF;
        ALTER TABLE trades ADD CONSTRAINT trades_pkey PRIMARY KEY (account_id, trade_id);
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN;
    END IF;
    -- (statements naming Citus objects are planned only when reached, so plain PostgreSQL never
    -- sees them)

    -- ---------------------------------------------------------------- distributed, by account
    -- accounts first: the others are co-located with it (and trades, portfolio_snapshots reference it)
    FOREACH t IN ARRAY ARRAY['accounts', 'trades', 'position_valuations', 'portfolio_snapshots'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass AND partmethod = 'h') THEN
            IF t = 'accounts' THEN
                PERFORM create_distributed_table('accounts', 'account_id');
            ELSE
                PERFORM create_distributed_table(t::regclass, 'account_id', colocate_with => 'accounts');
            END IF;
            moved := moved || t::regclass;
        END IF;
    END LOOP;

    -- ---------------------------------------------------------------- reference: market data
    FOREACH t IN ARRAY ARRAY['daily_prices', 'split_events', 'split_fetches', 'market_closures',
                             'grouped_fetches', 'symbol_fetches', 'provider_fetches'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass AND repmodel = 't') THEN
            PERFORM create_reference_table(t::regclass);
            moved := moved || t::regclass;
        END IF;
    END LOOP;

    -- ---------------------------------------------------------------- coordinator-local, known to Citus
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'freshness'::regclass) THEN
        PERFORM citus_add_local_table_to_metadata('freshness');
    END IF;

    -- ---------------------------------------------------------------- reclaim the copied rows
    -- create_distributed_table / create_reference_table copy existing rows into the shards and leave
    -- the originals invisible but on disk in the coordinator's shell table. Only now, when every
    -- table that references accounts is itself distributed, is truncating them safe (the truncate
    -- of accounts' shell cascades to trades' and portfolio_snapshots' shells).
    FOREACH t IN ARRAY moved LOOP
        PERFORM truncate_local_data_after_distributing_table(t::regclass);
    END LOOP;
END $$;
