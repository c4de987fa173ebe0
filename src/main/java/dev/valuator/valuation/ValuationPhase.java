package dev.valuator.valuation;

import dev.valuator.holdings.Accounts;
import dev.valuator.prices.FreshnessMarks;
import dev.valuator.system.RunContext;
import dev.valuator.system.RunProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Materializes {@code position_valuations} and {@code portfolio_snapshots} set-based, inside
 * PostgreSQL: a handful of statements over the whole scope, no per-account or per-date loop, no
 * valuation row through the JVM. Semantics are docs/api.md's "Valuation semantics"; the decisions
 * below fill in what it leaves open.
 *
 * <p>Reads the holdings tables ({@code accounts}, {@code trades}) and the market data tables
 * ({@code daily_prices}, {@code split_events}, {@code corporate_actions}, {@code dividends},
 * {@code market_closures}) directly; writes {@code position_valuations}, {@code portfolio_snapshots},
 * {@code action_flows}, {@code dividend_income}, {@code freshness} and clears
 * {@code accounts.snapshots_stale_from}.
 *
 * <ul>
 *   <li>Trades of one (account, symbol) are applied in the order (date, splits, BUYs, SELLs,
 *       trade_id): a split on a trade's date is applied before it (that trade is already
 *       post-split), and a day's buys come before its sells, matching the ledger's rule that the
 *       end-of-day position is never negative — so a sell never exceeds what is held.
 *   <li>Average cost: a BUY adds {@code quantity × price + fees}; a SELL removes
 *       {@code round(basis × sold / held, 10)} (all of it when it sells everything held); a split
 *       multiplies quantity by {@code split_to / split_from}, rounded to 8 places, and leaves the
 *       basis alone. Basis is kept to 10 places.
 *   <li>A carried close (price date before the valuation date) is divided by the ratio of every
 *       split executed in (price date, valuation date], rounded to 10 places, so that
 *       post-split quantity × close stays the position's value.
 *   <li>A cash dividend goes to the shares held at the close of the session before its ex-date
 *       (it is applied before everything else of its date); the snapshot's {@code income},
 *       {@code netFlow}, {@code incomeToDate} and {@code realizedPnlToDate} are computed from the
 *       same steps as quantity and basis (docs/valuation.md, "Income and returns").
 *   <li>{@code pnlPercent} is rounded to 6 places. Stored numerics are {@code trim_scale}d.
 * </ul>
 *
 * <p>How it works: temporary tables (dropped at commit) hold the small sets — the scope (one row
 * per account with its window), the trading days numbered by ordinal, a calendar mapping any date
 * to the ordinal of the first trading day on or after it, the holding states (one row per
 * (account, symbol) and stretch of days where quantity and basis stay constant, computed by a
 * recursive CTE stepping through each pair's events) and the carried closes per (symbol, ordinal).
 * One statement then expands the states over their ordinal ranges with {@code generate_series},
 * joins the closes by equality, and upserts positions, rolls them up into snapshots, upserts those
 * and deletes the rows of the window the computation no longer produces. Unchanged rows are not
 * rewritten (they keep the job id that last changed them); an account with no position row in its
 * window yet is written with a plain INSERT (docs/performance.md). Everything runs in one transaction on
 * the run's lock-holding connection, so a day's positions and snapshot commit together.
 */
@Component
public class ValuationPhase {

    private static final Logger log = LoggerFactory.getLogger(ValuationPhase.class);

    private static final String CREATE_SCOPE = """
            CREATE TEMP TABLE valuation_scope (
                account_id     text PRIMARY KEY,
                ledger_version bigint NOT NULL,
                stale_from     date,
                start_date     date NOT NULL,
                delete_until   date NOT NULL,
                window_from    date,
                window_to      date NOT NULL,
                first_ord      integer,
                last_ord       integer,
                fresh          boolean NOT NULL,
                old_snapshots  boolean NOT NULL,
                anchor_date    date,
                base_income    numeric NOT NULL,
                base_realized  numeric NOT NULL
            ) ON COMMIT DROP""";

    // start: least(day after the last snapshot — or the first trade —, stale-from), not before
    // earliest; the valuation window also never starts before the account's first trade.
    // fresh: no position row from the start on (the upsert can be a plain INSERT); old_snapshots:
    // a snapshot from the start on (the run may rewrite it). The daily run has neither.
    // anchor: the last snapshot before the start, whose stored positions are the state the run
    // carries forward — unless the ledger changed on or before it (stale-from) or a split of a
    // symbol held then was learned after that snapshot was written. base_income and base_realized:
    // the anchor's income and realized P&L to date, which the run's cumulative fields go on from.
    // Every subquery is correlated on account_id only, so on Citus the statement runs on the
    // workers that hold each account (docs/scaling.md).
    private static final String FILL_SCOPE = """
            INSERT INTO valuation_scope (account_id, ledger_version, stale_from, start_date, delete_until,
                                         window_from, window_to, fresh, old_snapshots, anchor_date,
                                         base_income, base_realized)
            SELECT a.account_id, a.ledger_version, a.snapshots_stale_from, s.start_date,
                   coalesce(CAST(:to AS date), 'infinity'),
                   CASE WHEN f.first_trade IS NOT NULL THEN greatest(s.start_date, f.first_trade) END, e.window_to,
                   lp.last_position IS NULL OR lp.last_position < s.start_date,
                   coalesce(l.last_snapshot >= s.start_date, false),
                   va.anchor_date, coalesce(ab.income_to_date, 0), coalesce(ab.realized_pnl_to_date, 0)
            FROM accounts a
            CROSS JOIN (SELECT coalesce(CAST(:to AS date), (SELECT max(trade_date) FROM daily_prices)) AS window_to) e
            CROSS JOIN LATERAL (SELECT min(t.trade_date) AS first_trade FROM trades t
                                WHERE t.account_id = a.account_id) f
            CROSS JOIN LATERAL (SELECT max(p.snapshot_date) AS last_snapshot FROM portfolio_snapshots p
                                WHERE p.account_id = a.account_id) l
            CROSS JOIN LATERAL (SELECT coalesce(CAST(:from AS date),
                                    greatest(least(coalesce(l.last_snapshot + 1, f.first_trade), a.snapshots_stale_from),
                                             CAST(:earliest AS date))) AS start_date) s
            CROSS JOIN LATERAL (SELECT max(pv.valuation_date) AS last_position FROM position_valuations pv
                                WHERE pv.account_id = a.account_id) lp
            CROSS JOIN LATERAL (SELECT max(p.snapshot_date) AS anchor_date FROM portfolio_snapshots p
                                WHERE p.account_id = a.account_id AND p.snapshot_date < s.start_date) an
            CROSS JOIN LATERAL (SELECT count(*) AS late_splits
                                FROM portfolio_snapshots ap
                                JOIN position_valuations held ON held.account_id = ap.account_id
                                                             AND held.valuation_date = ap.snapshot_date
                                JOIN split_events sp ON sp.symbol = held.symbol
                                WHERE ap.account_id = a.account_id AND ap.snapshot_date = an.anchor_date
                                  AND sp.execution_date <= ap.snapshot_date
                                  AND sp.fetched_at >= ap.materialized_at) ls
            CROSS JOIN LATERAL (SELECT CASE WHEN (a.snapshots_stale_from IS NULL OR an.anchor_date < a.snapshots_stale_from)
                                                 AND ls.late_splits = 0
                                            THEN an.anchor_date END AS anchor_date) va
            LEFT JOIN LATERAL (SELECT p.income_to_date, p.realized_pnl_to_date FROM portfolio_snapshots p
                               WHERE p.account_id = a.account_id AND p.snapshot_date = va.anchor_date) ab ON true
            WHERE (CAST(:accountId AS text) IS NULL OR a.account_id = CAST(:accountId AS text))
              AND s.start_date <= e.window_to""";

    private static final String CREATE_DAYS = """
            CREATE TEMP TABLE valuation_days (
                ord integer PRIMARY KEY,
                day date NOT NULL UNIQUE
            ) ON COMMIT DROP""";

    // NYSE trading days with price data: a date with any bar that is not a recorded full closure
    private static final String FILL_DAYS = """
            INSERT INTO valuation_days (ord, day)
            SELECT row_number() OVER (ORDER BY g.day), g.day
            FROM (SELECT min(window_from) AS lo, max(window_to) AS hi FROM valuation_scope) b
            CROSS JOIN LATERAL generate_series(b.lo, b.hi, interval '1 day') AS c(ts)
            CROSS JOIN LATERAL (SELECT c.ts::date AS day) g
            WHERE EXISTS (SELECT 1 FROM daily_prices p WHERE p.trade_date = g.day)
              AND NOT EXISTS (SELECT 1 FROM market_closures m WHERE m.closure_date = g.day AND m.status = 'CLOSED')""";

    private static final String CREATE_CALENDAR = """
            CREATE TEMP TABLE valuation_calendar (
                day      date PRIMARY KEY,
                next_ord integer NOT NULL
            ) ON COMMIT DROP""";

    // every calendar day of the run's range (and the day after), with the ordinal of the first
    // trading day on or after it: the stretch [a, b) of dates covers ordinals [next(a), next(b) - 1]
    private static final String FILL_CALENDAR = """
            INSERT INTO valuation_calendar (day, next_ord)
            SELECT g.day,
                   coalesce((SELECT min(d.ord) FROM valuation_days d WHERE d.day >= g.day),
                            (SELECT count(*) + 1 FROM valuation_days))
            FROM (SELECT min(window_from) AS lo, max(window_to) + 1 AS hi FROM valuation_scope) b
            CROSS JOIN LATERAL generate_series(b.lo, b.hi, interval '1 day') AS c(ts)
            CROSS JOIN LATERAL (SELECT c.ts::date AS day) g""";

    private static final String NUMBER_SCOPE = """
            UPDATE valuation_scope sc
            SET first_ord = f.next_ord, last_ord = t.next_ord - 1
            FROM valuation_calendar f, valuation_calendar t
            WHERE f.day = sc.window_from AND t.day = sc.window_to + 1""";

    private static final String CREATE_STATES = """
            CREATE TEMP TABLE valuation_states (
                account_id text    NOT NULL,
                symbol     text    NOT NULL,
                first_ord  integer NOT NULL,
                last_ord   integer NOT NULL,
                quantity   numeric NOT NULL,
                cost_basis numeric NOT NULL,
                fresh      boolean NOT NULL
            ) ON COMMIT DROP""";

    // symbol: the position's key (the symbol its chain of corporate actions ends in); held: the
    // symbol the position has after the event
    private static final String CREATE_EVENTS = """
            CREATE TEMP TABLE valuation_events (
                account_id text    NOT NULL,
                symbol     text    NOT NULL,
                n          integer NOT NULL,
                day        date    NOT NULL,
                side       text    NOT NULL,
                held       text    NOT NULL,
                quantity   numeric,
                amount     numeric,
                proceeds   numeric,
                split_from numeric,
                split_to   numeric,
                ratio      numeric,
                cash       numeric,
                ref        text,
                pay_date   date,
                PRIMARY KEY (account_id, symbol, n)
            ) ON COMMIT DROP""";

    // Each symbol the scope's trades and anchors name (its origin), with the symbols it becomes
    // through corporate actions, each valid over [valid_from, valid_to), and its key: the last
    // symbol of that chain. A trade of the origin on day D belongs to the symbol valid on D, so a
    // trade recorded under the old ticker after a change lands in the same position as one under
    // the new ticker. Chains are short (one action per symbol); the depth bound only guards a cycle.
    private static final String FILL_LINEAGE = """
            CREATE TEMP TABLE valuation_lineage ON COMMIT DROP AS
            WITH RECURSIVE origins AS (
                SELECT DISTINCT t.symbol
                FROM trades t
                JOIN valuation_scope sc ON sc.account_id = t.account_id
                WHERE t.account_id IN (SELECT account_id FROM valuation_scope WHERE first_ord <= last_ord)
                  AND t.trade_date > coalesce(sc.anchor_date, '-infinity') AND t.trade_date <= sc.window_to
                UNION
                SELECT symbol FROM valuation_anchors
            ),
            chain (origin, symbol, valid_from, depth) AS (
                SELECT symbol, symbol, CAST('-infinity' AS date), 0 FROM origins
                UNION ALL
                SELECT c.origin, a.new_symbol, a.action_date, c.depth + 1
                FROM chain c
                JOIN corporate_actions a ON a.symbol = c.symbol AND a.new_symbol IS NOT NULL
                                        AND a.action_date > c.valid_from
                WHERE c.depth < 16
            )
            SELECT origin, symbol, depth, valid_from,
                   lead(valid_from, 1, CAST('infinity' AS date)) OVER w AS valid_to,
                   last_value(symbol) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS key
            FROM chain
            WINDOW w AS (PARTITION BY origin ORDER BY depth)""";

    // the state of every position at its account's anchor (the stored row of the anchor day), as
    // the computation holds it: quantity to 8 places, basis to 10
    private static final String COPY_ANCHORS = """
            CREATE TEMP TABLE valuation_anchors ON COMMIT DROP AS
            SELECT pv.account_id, pv.symbol, sc.anchor_date AS day,
                   round(pv.quantity, 8) AS quantity, round(pv.cost_basis, 10) AS cost_basis
            FROM position_valuations pv
            JOIN valuation_scope sc ON sc.account_id = pv.account_id AND pv.valuation_date = sc.anchor_date
            WHERE pv.account_id IN (SELECT account_id FROM valuation_scope
                                    WHERE first_ord <= last_ord AND anchor_date IS NOT NULL)""";

    // per (account, position key) of the scope: its trades after the anchor (all of them without
    // one), the splits, corporate actions and dividends of the symbols it is held under after its
    // first event, and — only if one of those exists — its anchor, numbered in the order they apply
    // (the anchor first; on one date a dividend, which goes to the shares held at the close before
    // it, then a split, then a ticker change or merger, then the trades, which are already
    // post-split; a day's buys before its sells; a cash-out after them). A position nothing happened to since the
    // anchor has
    // no event: it is carried as it is (FILL_CARRIED_STATES), which is the daily run.
    private static final String FILL_EVENTS = """
            INSERT INTO valuation_events (account_id, symbol, n, day, side, held, quantity, amount, proceeds,
                                          split_from, split_to, ratio, cash, ref, pay_date)
            WITH ledger AS MATERIALIZED (
                SELECT t.account_id, l.key AS symbol, l.symbol AS held, t.trade_date, t.trade_id, t.side,
                       t.quantity::numeric AS quantity, (t.quantity * t.price + t.fees)::numeric AS amount,
                       (t.quantity * t.price - t.fees)::numeric AS proceeds
                FROM trades t
                JOIN valuation_scope sc ON sc.account_id = t.account_id
                JOIN valuation_lineage l ON l.origin = t.symbol AND t.trade_date >= l.valid_from
                                        AND t.trade_date < l.valid_to
                WHERE t.account_id IN (SELECT account_id FROM valuation_scope WHERE first_ord <= last_ord)
                  AND t.trade_date > coalesce(sc.anchor_date, '-infinity') AND t.trade_date <= sc.window_to
            ),
            anchors AS (
                SELECT a.account_id, l.key AS symbol, a.symbol AS held, a.day, a.quantity, a.cost_basis
                FROM valuation_anchors a
                JOIN valuation_lineage l ON l.origin = a.symbol AND l.depth = 0
            ),
            pairs AS (
                SELECT account_id, symbol, min(day) AS first_day
                FROM (SELECT account_id, symbol, trade_date AS day FROM ledger
                      UNION ALL
                      SELECT account_id, symbol, day FROM anchors) x
                GROUP BY 1, 2
            ),
            members AS MATERIALIZED (
                SELECT DISTINCT key, symbol, valid_from, valid_to FROM valuation_lineage
            ),
            splits AS MATERIALIZED (
                SELECT DISTINCT p.account_id, p.symbol, s.symbol AS held, s.execution_date, s.split_from, s.split_to
                FROM pairs p
                JOIN valuation_scope sc ON sc.account_id = p.account_id
                JOIN members m ON m.key = p.symbol
                JOIN split_events s ON s.symbol = m.symbol AND s.execution_date >= m.valid_from
                                   AND s.execution_date < m.valid_to
                                   AND s.execution_date > p.first_day AND s.execution_date <= sc.window_to
            ),
            actions AS MATERIALIZED (
                SELECT DISTINCT p.account_id, p.symbol, coalesce(a.new_symbol, a.symbol) AS held, a.action_date,
                       a.action_type, a.ratio, a.cash_per_share
                FROM pairs p
                JOIN valuation_scope sc ON sc.account_id = p.account_id
                JOIN members m ON m.key = p.symbol
                JOIN corporate_actions a ON a.symbol = m.symbol AND a.action_date >= m.valid_from
                                        AND a.action_date > p.first_day AND a.action_date <= sc.window_to
            ),
            paid AS MATERIALIZED (
                SELECT p.account_id, p.symbol, d.symbol AS held, d.ex_date, d.cash_amount, d.dividend_key, d.pay_date
                FROM pairs p
                JOIN valuation_scope sc ON sc.account_id = p.account_id
                JOIN members m ON m.key = p.symbol
                JOIN dividends d ON d.symbol = m.symbol AND d.ex_date >= m.valid_from AND d.ex_date < m.valid_to
                                AND d.ex_date > p.first_day AND d.ex_date <= sc.window_to
            ),
            moving AS (
                SELECT account_id, symbol FROM ledger
                UNION
                SELECT account_id, symbol FROM splits
                UNION
                SELECT account_id, symbol FROM actions
                UNION
                SELECT account_id, symbol FROM paid
            )
            SELECT e.account_id, e.symbol, row_number() OVER (PARTITION BY e.account_id, e.symbol ORDER BY e.day, e.kind, e.seq),
                   e.day, e.side, e.held, e.quantity, e.amount, e.proceeds, e.split_from, e.split_to, e.ratio, e.cash,
                   e.ref, e.pay_date
            FROM (
                SELECT account_id, symbol, trade_date AS day, CASE side WHEN 'BUY' THEN 1 ELSE 2 END AS kind,
                       trade_id AS seq, side, held, quantity, amount, proceeds, NULL::numeric AS split_from,
                       NULL::numeric AS split_to, NULL::numeric AS ratio, NULL::numeric AS cash, NULL::text AS ref,
                       NULL::date AS pay_date
                FROM ledger
                UNION ALL
                SELECT a.account_id, a.symbol, a.day, -2, 0, 'ANCHOR', a.held, a.quantity, a.cost_basis, NULL, NULL,
                       NULL, NULL, NULL, NULL, NULL
                FROM anchors a
                JOIN moving m ON m.account_id = a.account_id AND m.symbol = a.symbol
                UNION ALL
                SELECT account_id, symbol, ex_date, -1, 0, 'DIVIDEND', held, NULL, NULL, NULL, NULL, NULL, NULL,
                       cash_amount, dividend_key, pay_date
                FROM paid
                UNION ALL
                SELECT account_id, symbol, execution_date, 0, 0, 'SPLIT', held, NULL, NULL, NULL, split_from, split_to,
                       NULL, NULL, NULL, NULL
                FROM splits
                UNION ALL
                SELECT account_id, symbol, action_date, CASE action_type WHEN 'CASH_OUT' THEN 3 ELSE 0 END, 1,
                       CASE action_type WHEN 'CASH_OUT' THEN 'CASH_OUT' ELSE 'CHANGE' END, held, NULL, NULL, NULL, NULL,
                       NULL, ratio, cash_per_share, NULL, NULL
                FROM actions
            ) e""";

    // the positions nothing happened to since the anchor: the anchor's state over the whole window
    private static final String FILL_CARRIED_STATES = """
            INSERT INTO valuation_states (account_id, symbol, first_ord, last_ord, quantity, cost_basis, fresh)
            SELECT a.account_id, a.symbol, sc.first_ord, sc.last_ord, trim_scale(a.quantity), trim_scale(a.cost_basis),
                   sc.fresh
            FROM valuation_anchors a
            JOIN valuation_scope sc ON sc.account_id = a.account_id
            JOIN valuation_lineage l ON l.origin = a.symbol AND l.depth = 0
            WHERE NOT EXISTS (SELECT 1 FROM valuation_events e WHERE e.account_id = a.account_id AND e.symbol = l.key)""";

    // Every event of every pair applied in order: the holding after it, and what it brought. The
    // recursive CTE steps the event index of every pair at once (depth = most events of a pair); the
    // LATERAL (kept from being flattened into a join by its LIMIT) makes each step an index probe,
    // not a scan of all events.
    // - a BUY: money in (its cost); a SELL: money out (its proceeds less fees) and realized P&L (the
    //   proceeds less the average-cost basis of the shares that left);
    // - a dividend: income, the shares held before it (at the close of the session before its
    //   ex-date) × the cash per share;
    // - a ticker change or merger carries the basis to the new symbol with quantity × ratio (8
    //   places, like a split) and pays quantity × cash as income; a cash-out ends the position at
    //   quantity × cash: money out, realized P&L = proceeds − basis.
    private static final String COMPUTE_STEPS = """
            CREATE TEMP TABLE valuation_steps ON COMMIT DROP AS
            WITH RECURSIVE
            holding (account_id, symbol, n, day, side, held, quantity, cost_basis, income, proceeds, realized, flow,
                     per_share, ref, pay_date) AS (
                SELECT account_id, symbol, n, day, side, held,
                       CASE side WHEN 'SELL' THEN -quantity ELSE quantity END,
                       CASE side WHEN 'BUY' THEN round(amount, 10) WHEN 'ANCHOR' THEN amount ELSE 0::numeric END,
                       0::numeric, 0::numeric,
                       CASE side WHEN 'SELL' THEN proceeds ELSE 0::numeric END,
                       CASE side WHEN 'BUY' THEN amount WHEN 'SELL' THEN -proceeds ELSE 0::numeric END,
                       cash, ref, pay_date
                FROM valuation_events
                WHERE n = 1
                UNION ALL
                SELECT e.account_id, e.symbol, e.n, e.day, e.side, e.held,
                       CASE e.side WHEN 'BUY' THEN h.quantity + e.quantity
                                   WHEN 'SELL' THEN h.quantity - e.quantity
                                   WHEN 'DIVIDEND' THEN h.quantity
                                   WHEN 'SPLIT' THEN round(h.quantity * e.split_to / e.split_from, 8)
                                   WHEN 'CHANGE' THEN round(h.quantity * e.ratio, 8)
                                   ELSE 0::numeric END,
                       CASE e.side WHEN 'BUY' THEN round(h.cost_basis + e.amount, 10)
                                   WHEN 'SELL' THEN h.cost_basis - sold.basis
                                   WHEN 'CASH_OUT' THEN 0::numeric
                                   ELSE h.cost_basis END,
                       CASE e.side WHEN 'CHANGE' THEN h.quantity * e.cash
                                   WHEN 'DIVIDEND' THEN CASE WHEN h.quantity > 0 THEN h.quantity * e.cash ELSE 0 END
                                   ELSE 0::numeric END,
                       CASE e.side WHEN 'CASH_OUT' THEN h.quantity * e.cash ELSE 0::numeric END,
                       CASE e.side WHEN 'CASH_OUT' THEN h.quantity * e.cash - h.cost_basis
                                   WHEN 'SELL' THEN e.proceeds - sold.basis
                                   ELSE 0::numeric END,
                       CASE e.side WHEN 'BUY' THEN e.amount WHEN 'SELL' THEN -e.proceeds
                                   WHEN 'CASH_OUT' THEN -(h.quantity * e.cash)
                                   ELSE 0::numeric END,
                       e.cash, e.ref, e.pay_date
                FROM holding h
                CROSS JOIN LATERAL (SELECT * FROM valuation_events v
                                    WHERE v.account_id = h.account_id AND v.symbol = h.symbol AND v.n = h.n + 1
                                    LIMIT 1) e
                CROSS JOIN LATERAL (SELECT CASE WHEN e.side <> 'SELL' THEN 0::numeric
                                                WHEN e.quantity < h.quantity
                                                THEN round(h.cost_basis * e.quantity / h.quantity, 10)
                                                ELSE h.cost_basis END AS basis) sold
            )
            SELECT h.*, lag(h.quantity) OVER pair AS quantity_before, lag(h.held) OVER pair AS held_before
            FROM holding h
            WINDOW pair AS (PARTITION BY h.account_id, h.symbol ORDER BY h.n)""";

    // the money the window's corporate actions moved, per account and action (stored in action_flows)
    private static final String FILL_ACTION_FLOWS = """
            INSERT INTO valuation_flows (account_id, day, symbol, action_type, quantity, income, proceeds, realized)
            SELECT h.account_id, h.day, h.held_before, h.side, trim_scale(h.quantity_before), trim_scale(h.income),
                   trim_scale(h.proceeds), trim_scale(h.realized)
            FROM valuation_steps h
            JOIN valuation_scope sc ON sc.account_id = h.account_id
            WHERE h.side IN ('CHANGE', 'CASH_OUT') AND h.quantity_before <> 0
              AND h.day BETWEEN sc.window_from AND sc.window_to""";

    // One row per (account, position) and stretch of trading days with constant symbol, quantity and
    // basis (a dividend changes neither).
    private static final String FILL_STATES = """
            INSERT INTO valuation_states (account_id, symbol, first_ord, last_ord, quantity, cost_basis, fresh)
            WITH spans AS (
                SELECT h.account_id, h.symbol, h.held, h.day, h.quantity, h.cost_basis,
                       lead(h.day) OVER (PARTITION BY h.account_id, h.symbol ORDER BY h.n) AS next_day
                FROM valuation_steps h
                WHERE h.side <> 'DIVIDEND'
            )
            SELECT sp.account_id, sp.held, f.next_ord, t.next_ord - 1, trim_scale(sp.quantity), trim_scale(sp.cost_basis),
                   sc.fresh
            FROM spans sp
            JOIN valuation_scope sc ON sc.account_id = sp.account_id
            JOIN valuation_calendar f ON f.day = greatest(sp.day, sc.window_from)
            JOIN valuation_calendar t ON t.day = least(coalesce(sp.next_day, 'infinity'), sc.window_to + 1)
            WHERE sp.quantity <> 0
              AND (sp.next_day IS NULL OR sp.next_day > sp.day)
              AND f.next_ord < t.next_ord""";

    // What each session of the window brought (money in and out, realized P&L, income), by
    // ordinal: an event on a day without a session counts on the next one, an event between the
    // anchor and the window on its first session. Without an anchor the run recomputed the
    // account from its first trade: what happened before the window goes into the base the
    // cumulative fields start from.
    private static final String COMPUTE_AMOUNTS = """
            CREATE TEMP TABLE valuation_amounts ON COMMIT DROP AS
            SELECT st.account_id, c.next_ord AS ord, sum(st.flow) AS net_flow, sum(st.realized) AS realized,
                   sum(st.income) AS income
            FROM valuation_steps st
            JOIN valuation_scope sc ON sc.account_id = st.account_id
            JOIN valuation_calendar c ON c.day = greatest(st.day, sc.window_from)
            WHERE st.side IN ('BUY', 'SELL', 'DIVIDEND', 'CHANGE', 'CASH_OUT')
              AND NOT (sc.anchor_date IS NULL AND st.day < sc.window_from)
            GROUP BY st.account_id, c.next_ord""";

    private static final String ADD_BASES = """
            UPDATE valuation_scope sc
            SET base_income = sc.base_income + b.income, base_realized = sc.base_realized + b.realized
            FROM (SELECT st.account_id, sum(st.income) AS income, sum(st.realized) AS realized
                  FROM valuation_steps st
                  JOIN valuation_scope s ON s.account_id = st.account_id
                  WHERE s.anchor_date IS NULL AND st.day < s.window_from
                    AND st.side IN ('SELL', 'DIVIDEND', 'CHANGE', 'CASH_OUT')
                  GROUP BY st.account_id) b
            WHERE b.account_id = sc.account_id""";

    private static final String CREATE_FLOWS = """
            CREATE TEMP TABLE valuation_flows (
                account_id  text    NOT NULL,
                day         date    NOT NULL,
                symbol      text    NOT NULL,
                action_type text    NOT NULL,
                quantity    numeric NOT NULL,
                income      numeric NOT NULL,
                proceeds    numeric NOT NULL,
                realized    numeric NOT NULL
            ) ON COMMIT DROP""";

    // the stored action flows of the window are replaced by the ones this run computed (a small
    // table: one row per account and action that moved money)
    private static final String DELETE_OLD_FLOWS = """
            DELETE FROM action_flows af
            USING valuation_scope sc
            WHERE af.account_id = sc.account_id AND af.flow_date BETWEEN sc.start_date AND sc.delete_until""";

    private static final String STORE_FLOWS = """
            INSERT INTO action_flows (account_id, flow_date, symbol, action_type, quantity, income, proceeds,
                                      realized_pnl, job_id)
            SELECT account_id, day, symbol, CASE action_type WHEN 'CASH_OUT' THEN 'CASH_OUT' ELSE 'STOCK_MERGER' END,
                   quantity, income, proceeds, realized, :jobId
            FROM valuation_flows
            WHERE income <> 0 OR proceeds <> 0""";

    private static final String CREATE_CLOSES = """
            CREATE TEMP TABLE valuation_closes (
                symbol     text    NOT NULL,
                ord        integer NOT NULL,
                day        date    NOT NULL,
                close      numeric NOT NULL,
                price_date date    NOT NULL,
                status     text    NOT NULL,
                PRIMARY KEY (symbol, ord)
            ) ON COMMIT DROP""";

    // per (held symbol, trading day): the latest close on or before it, computed once per symbol
    // rather than once per position row, and its status: CURRENT (that day's close), CARRIED (at
    // most 5 sessions with data since), STALE (more). The sessions since a close from before the
    // run's first day are counted in daily_prices, at most 6 of them (an index range, not a scan).
    private static final String FILL_CLOSES = """
            INSERT INTO valuation_closes (symbol, ord, day, close, price_date, status)
            WITH bounds AS (SELECT min(day) AS lo, max(day) AS hi FROM valuation_days),
            prices AS (
                SELECT s.symbol, p.trade_date, p.close, p.before_lo
                FROM (SELECT DISTINCT symbol FROM valuation_states) s
                CROSS JOIN bounds b
                CROSS JOIN LATERAL (
                    (SELECT dp.trade_date, dp.close,
                            1 + (SELECT count(*) FROM (SELECT DISTINCT x.trade_date FROM daily_prices x
                                                       WHERE x.trade_date > dp.trade_date AND x.trade_date < b.lo
                                                       ORDER BY x.trade_date LIMIT 6) gap) AS before_lo
                     FROM daily_prices dp
                     WHERE dp.symbol = s.symbol AND dp.trade_date < b.lo
                     ORDER BY dp.trade_date DESC LIMIT 1)
                    UNION ALL
                    (SELECT dp.trade_date, dp.close, 0 FROM daily_prices dp
                     WHERE dp.symbol = s.symbol AND dp.trade_date BETWEEN b.lo AND b.hi)
                ) p
            ),
            spans AS (
                SELECT symbol, trade_date, close, before_lo,
                       lead(trade_date) OVER (PARTITION BY symbol ORDER BY trade_date) AS next_date
                FROM prices
            )
            SELECT sp.symbol, d.ord, d.day, sp.close, sp.trade_date,
                   CASE WHEN sp.trade_date = d.day THEN 'CURRENT'
                        WHEN g.ord - f.next_ord + sp.before_lo <= 5 THEN 'CARRIED'
                        ELSE 'STALE' END
            FROM spans sp
            CROSS JOIN bounds b
            JOIN valuation_calendar f ON f.day = greatest(sp.trade_date, b.lo)
            JOIN valuation_calendar t ON t.day = least(coalesce(sp.next_date, 'infinity'), b.hi + 1)
            CROSS JOIN LATERAL generate_series(f.next_ord, t.next_ord - 1) AS g(ord)
            JOIN valuation_days d ON d.ord = g.ord""";

    // a close carried over a split is restated in post-split terms: × R(price date) / R(day),
    // where R(x) is the product of split_to / split_from of the symbol's splits up to x (kept as
    // two exact running products, so the only rounding is the final one)
    private static final String ADJUST_CARRIED_CLOSES = """
            WITH chain AS MATERIALIZED (
                SELECT symbol, execution_date,
                       numeric_product(split_to) OVER w AS cum_to, numeric_product(split_from) OVER w AS cum_from
                FROM split_events
                WHERE symbol IN (SELECT symbol FROM valuation_closes WHERE price_date < day)
                WINDOW w AS (PARTITION BY symbol ORDER BY execution_date)
            ),
            adjusted AS (
                SELECT c.symbol, c.ord,
                       trim_scale(round(c.close * coalesce(at_day.cum_from, 1) * coalesce(at_price.cum_to, 1)
                                        / (coalesce(at_day.cum_to, 1) * coalesce(at_price.cum_from, 1)), 10)) AS close
                FROM valuation_closes c
                LEFT JOIN LATERAL (SELECT cum_to, cum_from FROM chain
                                   WHERE chain.symbol = c.symbol AND chain.execution_date <= c.day
                                   ORDER BY chain.execution_date DESC LIMIT 1) at_day ON true
                LEFT JOIN LATERAL (SELECT cum_to, cum_from FROM chain
                                   WHERE chain.symbol = c.symbol AND chain.execution_date <= c.price_date
                                   ORDER BY chain.execution_date DESC LIMIT 1) at_price ON true
                WHERE c.price_date < c.day
                  AND EXISTS (SELECT 1 FROM split_events s WHERE s.symbol = c.symbol
                              AND s.execution_date > c.price_date AND s.execution_date <= c.day)
            )
            UPDATE valuation_closes c SET close = a.close
            FROM adjusted a
            WHERE a.symbol = c.symbol AND a.ord = c.ord""";

    // The stored rows the run may rewrite (from each account's start on), read once by account so
    // that the statement below compares and deletes against local copies: no correlated probe of
    // the stored tables per computed row, and on Citus no join of a distributed table with a
    // temporary one. Only the accounts that have such rows are read (none in the daily run), and the
    // scope is analyzed before (after NUMBER_SCOPE), so that the planner probes their index ranges
    // instead of scanning the stored history (docs/performance.md).
    private static final String COPY_OLD_POSITIONS = """
            CREATE TEMP TABLE valuation_old_positions ON COMMIT DROP AS
            SELECT pv.account_id, pv.valuation_date, pv.symbol, pv.quantity, pv.cost_basis, pv.close_price,
                   pv.price_date, pv.market_value, pv.unrealized_pnl, pv.price_status
            FROM position_valuations pv
            JOIN valuation_scope sc ON sc.account_id = pv.account_id
            WHERE pv.account_id IN (SELECT account_id FROM valuation_scope WHERE NOT fresh)
              AND pv.valuation_date BETWEEN sc.start_date AND sc.delete_until""";

    private static final String COPY_OLD_SNAPSHOTS = """
            CREATE TEMP TABLE valuation_old_snapshots ON COMMIT DROP AS
            SELECT ps.account_id, ps.snapshot_date, ps.total_value, ps.total_cost, ps.total_pnl, ps.pnl_percent,
                   ps.position_count, ps.priced_position_count, ps.partial, ps.income, ps.income_to_date,
                   ps.realized_pnl_to_date, ps.net_flow
            FROM portfolio_snapshots ps
            JOIN valuation_scope sc ON sc.account_id = ps.account_id
            WHERE ps.account_id IN (SELECT account_id FROM valuation_scope WHERE old_snapshots)
              AND ps.snapshot_date BETWEEN sc.start_date AND sc.delete_until""";

    // the tables the materializing statement joins by value (the calendar is done with by then;
    // the states are only expanded, and sampling them costs more than it informs)
    private static final String ANALYZE =
            "ANALYZE valuation_days, valuation_closes, valuation_old_positions, valuation_old_snapshots, valuation_amounts";

    // Rows identical to the stored ones are filtered out before the upsert (a read-only index probe):
    // ON CONFLICT DO UPDATE … WHERE false would still lock, and so dirty, every unchanged row.
    private static final String MATERIALIZE = """
            WITH expanded AS NOT MATERIALIZED (
                SELECT s.account_id, d.day, s.symbol, s.quantity, s.cost_basis, c.close, c.price_date, s.fresh,
                       trim_scale(s.quantity * c.close) AS market_value, coalesce(c.status, 'UNPRICED') AS price_status
                FROM valuation_states s
                CROSS JOIN LATERAL generate_series(s.first_ord, s.last_ord) AS g(ord)
                JOIN valuation_days d ON d.ord = g.ord
                LEFT JOIN valuation_closes c ON c.symbol = s.symbol AND c.ord = g.ord
                OFFSET 0 -- not flattened into its readers, so market_value is computed once per row
            ),
            inserted_positions AS (
                INSERT INTO position_valuations (account_id, valuation_date, symbol, quantity, cost_basis, close_price,
                                                 price_date, market_value, unrealized_pnl, price_status, job_id)
                SELECT account_id, day, symbol, quantity, cost_basis, close, price_date, market_value,
                       market_value - cost_basis, price_status, :jobId
                FROM expanded
                WHERE fresh
            ),
            upserted_positions AS (
                INSERT INTO position_valuations AS pv (account_id, valuation_date, symbol, quantity, cost_basis,
                                                       close_price, price_date, market_value, unrealized_pnl,
                                                       price_status, job_id)
                SELECT account_id, day, symbol, quantity, cost_basis, close, price_date, market_value,
                       market_value - cost_basis, price_status, :jobId
                FROM expanded e
                WHERE NOT fresh
                  AND NOT EXISTS (SELECT 1 FROM valuation_old_positions old
                                  WHERE old.account_id = e.account_id AND old.valuation_date = e.day
                                    AND old.symbol = e.symbol
                                    AND (old.quantity, old.cost_basis, old.close_price, old.price_date,
                                         old.market_value, old.unrealized_pnl, old.price_status)
                                        IS NOT DISTINCT FROM (e.quantity, e.cost_basis, e.close, e.price_date,
                                                              e.market_value, e.market_value - e.cost_basis,
                                                              e.price_status))
                ON CONFLICT (account_id, valuation_date, symbol) DO UPDATE
                SET quantity = excluded.quantity, cost_basis = excluded.cost_basis, close_price = excluded.close_price,
                    price_date = excluded.price_date, market_value = excluded.market_value,
                    unrealized_pnl = excluded.unrealized_pnl, price_status = excluded.price_status,
                    job_id = excluded.job_id
                WHERE (pv.quantity, pv.cost_basis, pv.close_price, pv.price_date, pv.market_value, pv.unrealized_pnl,
                       pv.price_status)
                      IS DISTINCT FROM (excluded.quantity, excluded.cost_basis, excluded.close_price,
                                        excluded.price_date, excluded.market_value, excluded.unrealized_pnl,
                                        excluded.price_status)
                RETURNING 1
            ),
            totals AS (
                SELECT account_id, day, count(*) AS positions, count(close) AS priced,
                       coalesce(sum(market_value), 0) AS total_value, sum(cost_basis) AS total_cost
                FROM expanded
                GROUP BY account_id, day
            ),
            summed AS (
                SELECT sc.account_id, d.day, coalesce(t.total_value, 0) AS total_value,
                       coalesce(t.total_cost, 0) AS total_cost,
                       coalesce(t.positions, 0)::integer AS positions, coalesce(t.priced, 0)::integer AS priced,
                       coalesce(f.income, 0) AS income, coalesce(f.net_flow, 0) AS net_flow,
                       sc.base_income + sum(coalesce(f.income, 0)) OVER running AS income_to_date,
                       sc.base_realized + sum(coalesce(f.realized, 0)) OVER running AS realized_to_date
                FROM valuation_scope sc
                JOIN valuation_days d ON d.ord BETWEEN sc.first_ord AND sc.last_ord
                LEFT JOIN totals t ON t.account_id = sc.account_id AND t.day = d.day
                LEFT JOIN valuation_amounts f ON f.account_id = sc.account_id AND f.ord = d.ord
                WINDOW running AS (PARTITION BY sc.account_id ORDER BY d.ord)
            ),
            snapshots AS MATERIALIZED (
                SELECT account_id, day, total_value, total_cost, total_value - total_cost AS total_pnl,
                       CASE WHEN total_cost = 0 THEN 0
                            ELSE trim_scale(round((total_value - total_cost) * 100 / total_cost, 6)) END AS pnl_percent,
                       positions, priced, priced < positions AS partial, trim_scale(income) AS income,
                       trim_scale(income_to_date) AS income_to_date, trim_scale(realized_to_date) AS realized_to_date,
                       trim_scale(net_flow) AS net_flow
                FROM summed
            ),
            upserted_snapshots AS (
                INSERT INTO portfolio_snapshots AS ps (account_id, snapshot_date, total_value, total_cost, total_pnl,
                                                       pnl_percent, position_count, priced_position_count, partial,
                                                       income, income_to_date, realized_pnl_to_date, net_flow,
                                                       job_id, materialized_at)
                SELECT account_id, day, total_value, total_cost, total_pnl, pnl_percent, positions, priced, partial,
                       income, income_to_date, realized_to_date, net_flow, :jobId, :now
                FROM snapshots n
                WHERE NOT EXISTS (SELECT 1 FROM valuation_old_snapshots old
                                  WHERE old.account_id = n.account_id AND old.snapshot_date = n.day
                                    AND (old.total_value, old.total_cost, old.total_pnl, old.pnl_percent,
                                         old.position_count, old.priced_position_count, old.partial, old.income,
                                         old.income_to_date, old.realized_pnl_to_date, old.net_flow)
                                        IS NOT DISTINCT FROM (n.total_value, n.total_cost, n.total_pnl, n.pnl_percent,
                                                              n.positions, n.priced, n.partial, n.income,
                                                              n.income_to_date, n.realized_to_date, n.net_flow))
                ON CONFLICT (account_id, snapshot_date) DO UPDATE
                SET total_value = excluded.total_value, total_cost = excluded.total_cost,
                    total_pnl = excluded.total_pnl, pnl_percent = excluded.pnl_percent,
                    position_count = excluded.position_count, priced_position_count = excluded.priced_position_count,
                    partial = excluded.partial, income = excluded.income, income_to_date = excluded.income_to_date,
                    realized_pnl_to_date = excluded.realized_pnl_to_date, net_flow = excluded.net_flow,
                    job_id = excluded.job_id, materialized_at = excluded.materialized_at
                WHERE (ps.total_value, ps.total_cost, ps.total_pnl, ps.pnl_percent, ps.position_count,
                       ps.priced_position_count, ps.partial, ps.income, ps.income_to_date, ps.realized_pnl_to_date,
                       ps.net_flow)
                      IS DISTINCT FROM (excluded.total_value, excluded.total_cost, excluded.total_pnl,
                                        excluded.pnl_percent, excluded.position_count,
                                        excluded.priced_position_count, excluded.partial, excluded.income,
                                        excluded.income_to_date, excluded.realized_pnl_to_date, excluded.net_flow)
                RETURNING 1
            ),
            deleted_positions AS (
                DELETE FROM position_valuations pv
                WHERE pv.account_id IN (SELECT account_id FROM valuation_old_positions)
                  AND (pv.account_id, pv.valuation_date, pv.symbol) IN (
                      SELECT old.account_id, old.valuation_date, old.symbol
                      FROM valuation_old_positions old
                      LEFT JOIN valuation_days d ON d.day = old.valuation_date
                      LEFT JOIN valuation_states s ON s.account_id = old.account_id AND s.symbol = old.symbol
                                                  AND d.ord BETWEEN s.first_ord AND s.last_ord
                      WHERE s.account_id IS NULL)
                RETURNING 1
            ),
            deleted_snapshots AS (
                DELETE FROM portfolio_snapshots ps
                WHERE ps.account_id IN (SELECT account_id FROM valuation_old_snapshots)
                  AND (ps.account_id, ps.snapshot_date) IN (
                      SELECT old.account_id, old.snapshot_date
                      FROM valuation_old_snapshots old
                      JOIN valuation_scope sc ON sc.account_id = old.account_id
                      WHERE NOT EXISTS (SELECT 1 FROM valuation_days d
                                        WHERE d.day = old.snapshot_date AND d.ord BETWEEN sc.first_ord AND sc.last_ord))
                RETURNING 1
            )
            -- a fresh account's rows are all inserted: counted from the states, not returned and counted
            SELECT (SELECT coalesce(sum(last_ord - first_ord + 1), 0) FROM valuation_states WHERE fresh)
                   + (SELECT count(*) FROM upserted_positions) AS positions_upserted,
                   (SELECT count(*) FROM upserted_snapshots) AS snapshots_upserted,
                   (SELECT count(*) FROM snapshots WHERE partial) AS partial_snapshots,
                   (SELECT count(*) FROM deleted_positions) AS positions_deleted,
                   (SELECT count(*) FROM deleted_snapshots) AS snapshots_deleted,
                   (SELECT count(*) FROM valuation_scope WHERE first_ord <= last_ord) AS accounts,
                   (SELECT count(*) FROM valuation_days d
                    WHERE EXISTS (SELECT 1 FROM valuation_scope sc WHERE d.ord BETWEEN sc.first_ord AND sc.last_ord)) AS dates""";

    // the entitlements the run recomputes: every one after the anchor (all of them without one)
    // up to the end of the window, replaced by what the steps say
    private static final String DELETE_INCOME = """
            DELETE FROM dividend_income di
            USING valuation_scope sc
            WHERE di.account_id = sc.account_id AND sc.first_ord <= sc.last_ord
              AND di.ex_date > coalesce(sc.anchor_date, '-infinity') AND di.ex_date <= sc.delete_until""";

    private static final String INSERT_INCOME = """
            INSERT INTO dividend_income (account_id, ex_date, symbol, dividend_key, per_share, shares, amount,
                                         pay_date, job_id)
            SELECT account_id, day, held, ref, per_share, trim_scale(quantity), trim_scale(income), pay_date, :jobId
            FROM valuation_steps
            WHERE side = 'DIVIDEND' AND quantity > 0""";

    // the accounts with a stale mark that this run recomputed to the end, whose mark the owner of
    // accounts may clear (only those: the daily run of every account passes none)
    private static final String RECOMPUTED = """
            SELECT account_id, ledger_version, start_date FROM valuation_scope
            WHERE delete_until = 'infinity' AND stale_from IS NOT NULL""";

    private static final String LATEST_SNAPSHOT = "SELECT max(snapshot_date) FROM portfolio_snapshots";

    private final Clock clock;

    ValuationPhase(Clock clock) {
        this.clock = clock;
    }

    /** Recomputes the request's scope in one transaction on the run's connection. */
    public ValuationSummary run(ValuationRequest request, RunContext run) {
        Instant started = clock.instant();
        run.step(RunProgress.VALUATION);
        log.info(
                "Valuation started: job {}, account {}, from {}, to {}",
                run.jobId(),
                request.accountId() == null ? "all" : request.accountId(),
                request.from(),
                request.to());
        Counts counts = run.transactions().execute(status -> materialize(request, run, started));
        long durationMs = clock.instant().toEpochMilli() - started.toEpochMilli();
        ValuationSummary summary = new ValuationSummary(
                (int) counts.accounts(),
                (int) counts.dates(),
                counts.positionsUpserted(),
                counts.snapshotsUpserted(),
                counts.partialSnapshots(),
                durationMs);
        log.info(
                "Valuation finished: job {}, {} accounts, {} dates, {} positions and {} snapshots upserted, "
                        + "{} positions and {} snapshots deleted, {} partial, {} ms",
                run.jobId(),
                summary.accounts(),
                summary.dates(),
                summary.positionValuationsUpserted(),
                summary.snapshotsUpserted(),
                counts.positionsDeleted(),
                counts.snapshotsDeleted(),
                summary.partialSnapshots(),
                durationMs);
        return summary;
    }

    /** A safe point between steps, and a sign of life on the job row. */
    private static void checkpoint(RunContext run) {
        run.checkpoint();
        run.step(RunProgress.VALUATION);
    }

    /** The row {@code MATERIALIZE} answers: what the valuation wrote and deleted, over how much. */
    private record Counts(
            long accounts,
            long dates,
            long positionsUpserted,
            long snapshotsUpserted,
            long partialSnapshots,
            long positionsDeleted,
            long snapshotsDeleted) {

        static Counts read(ResultSet rs, int row) throws SQLException {
            return new Counts(
                    rs.getLong("accounts"),
                    rs.getLong("dates"),
                    rs.getLong("positions_upserted"),
                    rs.getLong("snapshots_upserted"),
                    rs.getLong("partial_snapshots"),
                    rs.getLong("positions_deleted"),
                    rs.getLong("snapshots_deleted"));
        }
    }

    private Counts materialize(ValuationRequest request, RunContext run, Instant started) {
        JdbcClient jdbc = run.jdbc();
        OffsetDateTime now = started.atOffset(ZoneOffset.UTC);
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
        jdbc.sql("SET LOCAL jit = off").update();
        jdbc.sql(CREATE_SCOPE).update();
        jdbc.sql(FILL_SCOPE)
                .param("accountId", request.accountId())
                .param("from", request.from())
                .param("to", request.to())
                .param("earliest", request.earliest())
                .update();
        checkpoint(run);
        jdbc.sql(CREATE_DAYS).update();
        jdbc.sql(FILL_DAYS).update();
        jdbc.sql(CREATE_CALENDAR).update();
        jdbc.sql(FILL_CALENDAR).update();
        jdbc.sql(NUMBER_SCOPE).update();
        jdbc.sql("ANALYZE valuation_scope").update();
        checkpoint(run);
        jdbc.sql(COPY_ANCHORS).update();
        jdbc.sql(FILL_LINEAGE).update();
        jdbc.sql(CREATE_EVENTS).update();
        jdbc.sql(FILL_EVENTS).update();
        jdbc.sql("ANALYZE valuation_events").update();
        jdbc.sql(COMPUTE_STEPS).update();
        jdbc.sql(CREATE_STATES).update();
        jdbc.sql(CREATE_FLOWS).update();
        jdbc.sql(FILL_ACTION_FLOWS).update();
        jdbc.sql(FILL_STATES).update();
        jdbc.sql(FILL_CARRIED_STATES).update();
        jdbc.sql(COMPUTE_AMOUNTS).update();
        jdbc.sql(ADD_BASES).update();
        checkpoint(run);
        jdbc.sql(CREATE_CLOSES).update();
        jdbc.sql(FILL_CLOSES).update();
        jdbc.sql(ADJUST_CARRIED_CLOSES).update();
        jdbc.sql(COPY_OLD_POSITIONS).update();
        jdbc.sql(COPY_OLD_SNAPSHOTS).update();
        jdbc.sql(ANALYZE).update();
        checkpoint(run);
        Counts counts = jdbc.sql(MATERIALIZE)
                .param("jobId", run.jobId())
                .param("now", now)
                .query(Counts::read)
                .single();
        jdbc.sql(DELETE_OLD_FLOWS).update();
        jdbc.sql(STORE_FLOWS).param("jobId", run.jobId()).update();
        jdbc.sql(DELETE_INCOME).update();
        jdbc.sql(INSERT_INCOME).param("jobId", run.jobId()).update();
        checkpoint(run);
        Accounts.clearStale(
                jdbc, jdbc.sql(RECOMPUTED).query(Accounts.Recomputed.class).list(), request.earliest());
        FreshnessMarks.valuationsMaterialized(
                jdbc,
                clock.instant(),
                jdbc.sql(LATEST_SNAPSHOT)
                        .query((rs, n) -> rs.getObject(1, LocalDate.class))
                        .list()
                        .getFirst());
        return counts;
    }
}
