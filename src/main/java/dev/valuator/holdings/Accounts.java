package dev.valuator.holdings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code accounts} table. */
@Repository
public class Accounts {

    private static final String UPSERT = """
            INSERT INTO accounts (account_id, name, created_at, updated_at)
            VALUES (:id, :name, :now, :now)
            ON CONFLICT (account_id) DO UPDATE SET name = excluded.name,
                updated_at = CASE WHEN accounts.name = excluded.name THEN accounts.updated_at ELSE excluded.updated_at END
            RETURNING account_id, name, created_at, updated_at
            """;
    private static final String FIND = """
            SELECT account_id, name, created_at, updated_at FROM accounts WHERE account_id = :id
            """;
    private static final String LIST = """
            SELECT account_id, name, created_at, updated_at FROM accounts ORDER BY account_id LIMIT :limit OFFSET :offset
            """;
    private static final String COUNT = "SELECT count(*) FROM accounts";
    private static final String LOCK = "SELECT account_id FROM accounts WHERE account_id = :id FOR UPDATE";
    private static final String MARK_STALE = """
            UPDATE accounts
               SET snapshots_stale_from = LEAST(COALESCE(snapshots_stale_from, :from), :from),
                   ledger_version = ledger_version + 1,
                   updated_at = :now
             WHERE account_id = :id
            """;

    // a fact learned about the past (a dividend) changes these accounts' snapshots from a date on
    private static final String MARK_STALE_FROM = """
            UPDATE accounts a
               SET snapshots_stale_from = LEAST(COALESCE(a.snapshots_stale_from, c.day), c.day)
              FROM unnest(?::text[], ?::text[]::date[]) AS c(account_id, day)
             WHERE a.account_id = c.account_id""";

    private static final String MARK_STALE_ALL = """
            UPDATE accounts
               SET snapshots_stale_from = LEAST(COALESCE(snapshots_stale_from, :from), :from),
                   ledger_version = ledger_version + 1,
                   updated_at = :now
             WHERE account_id = ANY (CAST(:ids AS text[]))
            """;

    private static final String STALE_FROM = "SELECT snapshots_stale_from FROM accounts WHERE account_id = :id";

    // the accounts a valuation recomputed from their stale date (or the oldest reachable one) to
    // the end, unless a trade was posted or removed since it read them (ledger_version changed)
    private static final String CLEAR_STALE = """
            UPDATE accounts a SET snapshots_stale_from = NULL
              FROM unnest(?::text[], ?::text[]::bigint[], ?::text[]::date[]) AS sc(account_id, ledger_version, start_date)
             WHERE a.account_id = sc.account_id
               AND a.snapshots_stale_from IS NOT NULL
               AND a.ledger_version = sc.ledger_version
               AND sc.start_date <= greatest(a.snapshots_stale_from, CAST(? AS date))""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Account save(String accountId, String name) {
        return jdbc.sql(UPSERT)
                .param("id", accountId)
                .param("name", name)
                .param("now", Timestamp.from(now()))
                .query(Accounts::map)
                .single();
    }

    public Optional<Account> find(String accountId) {
        return jdbc.sql(FIND).param("id", accountId).query(Accounts::map).optional();
    }

    /** The date the account's snapshots are stale from, if any. */
    public Optional<LocalDate> snapshotsStaleFrom(String accountId) {
        return jdbc.sql(STALE_FROM)
                .param("id", accountId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .optional()
                .flatMap(stale -> stale);
    }

    /**
     * An account a valuation recomputed to the end.
     *
     * @param accountId the account
     * @param ledgerVersion its ledger version when the valuation read it
     * @param startDate the first date recomputed
     */
    public record Recomputed(String accountId, long ledgerVersion, LocalDate startDate) {}

    /**
     * Clears the stale mark of the recomputed accounts whose ledger did not change meanwhile and
     * whose recomputation began no later than the stale date (or {@code earliest}), on the given
     * (run's) connection.
     */
    public static void clearStale(JdbcClient run, List<Recomputed> recomputed, LocalDate earliest) {
        run.sql(CLEAR_STALE)
                .params(
                        recomputed.stream().map(Recomputed::accountId).toArray(String[]::new),
                        recomputed.stream()
                                .map(r -> Long.toString(r.ledgerVersion()))
                                .toArray(String[]::new),
                        recomputed.stream().map(r -> r.startDate().toString()).toArray(String[]::new),
                        earliest)
                .update();
    }

    /** Marks each account's snapshots stale from its date (kept if already earlier), on the run's connection. */
    public static void markStale(JdbcClient run, Map<String, LocalDate> from) {
        if (from.isEmpty()) {
            return;
        }
        run.sql(MARK_STALE_FROM)
                .params(
                        from.keySet().toArray(String[]::new),
                        from.values().stream().map(LocalDate::toString).toArray(String[]::new))
                .update();
    }

    public boolean exists(String accountId) {
        return find(accountId).isPresent();
    }

    public List<Account> list(int limit, int offset) {
        return jdbc.sql(LIST)
                .param("limit", limit)
                .param("offset", offset)
                .query(Accounts::map)
                .list();
    }

    public long count() {
        return jdbc.sql(COUNT).query(Long.class).single();
    }

    /** Row-locks the account for the current transaction (serializes ledger changes); false if unknown. */
    boolean lock(String accountId) {
        return jdbc.sql(LOCK)
                .param("id", accountId)
                .query(String.class)
                .optional()
                .isPresent();
    }

    /** Records that snapshots from {@code from} on no longer match the ledger. */
    void markStale(String accountId, LocalDate from) {
        jdbc.sql(MARK_STALE)
                .param("id", accountId)
                .param("from", from)
                .param("now", Timestamp.from(now()))
                .update();
    }

    /**
     * Records that these accounts' snapshots from {@code from} on no longer match what they hold
     * (a corporate action changed), on the given connection.
     */
    public static void markStale(JdbcClient db, java.util.Collection<String> accountIds, LocalDate from, Instant now) {
        if (accountIds.isEmpty()) {
            return;
        }
        db.sql(MARK_STALE_ALL)
                .param("ids", accountIds.toArray(String[]::new))
                .param("from", from)
                .param("now", Timestamp.from(now.truncatedTo(ChronoUnit.MILLIS)))
                .update();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
