package dev.valuator.refresh.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the alert policy and the gauges read of {@code refresh_jobs}: counts by status, the newest
 * finished runs, the running ones. The end-to-end benchmark checks that no plan of these scans the table.
 */
@Repository
public class JobAlerts {

    private static final String TOTALS = """
            SELECT count(*) FILTER (WHERE status = 'SUCCEEDED') AS succeeded,
                   count(*) FILTER (WHERE status = 'FAILED') AS failed,
                   count(*) FILTER (WHERE status = 'SKIPPED_CONFLICT') AS skipped,
                   count(*) FILTER (WHERE status = 'RUNNING') AS running
              FROM refresh_jobs WHERE started_at >= :since
            """;
    // newest finished runs via the partial index on finished_at; SKIPPED_CONFLICT never counts, nor
    // an import's valuation of one account (it says nothing about whether refreshes work)
    private static final String RECENT_FINISHED = """
            SELECT status, finished_at, error FROM refresh_jobs
             WHERE status IN ('SUCCEEDED', 'FAILED') AND source <> 'IMPORT'
             ORDER BY finished_at DESC LIMIT :limit
            """;
    private static final String LATEST_FINISHED = """
            SELECT finished_at FROM refresh_jobs
             WHERE status IN ('SUCCEEDED', 'FAILED') AND status = :status AND source <> 'IMPORT'
             ORDER BY finished_at DESC LIMIT 1
            """;
    // the symbols the newest finished run could not price (its price.failures), first few by name
    private static final String LATEST_UNPRICED = """
            SELECT finished_at, COALESCE((price ->> 'symbolsFailed')::int, 0) AS failed,
                   ARRAY(SELECT f.value ->> 'symbol'
                           FROM jsonb_array_elements(CASE WHEN jsonb_typeof(price -> 'failures') = 'array'
                                                          THEN price -> 'failures' ELSE '[]'::jsonb END)
                                WITH ORDINALITY AS f(value, n)
                          ORDER BY f.n LIMIT :named) AS symbols
              FROM refresh_jobs
             WHERE status IN ('SUCCEEDED', 'FAILED') AND source <> 'IMPORT'
             ORDER BY finished_at DESC LIMIT 1
            """;
    private static final String RUNNING =
            "SELECT " + RefreshJobs.COLUMNS + " FROM refresh_jobs WHERE status = 'RUNNING' ORDER BY started_at";

    private final JdbcClient jdbc;
    private final RefreshJobs jobs;

    JobAlerts(JdbcClient jdbc, RefreshJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /**
     * Jobs started in a window, by status.
     *
     * @param succeeded SUCCEEDED rows
     * @param failed FAILED rows
     * @param skippedConflict SKIPPED_CONFLICT rows
     * @param running RUNNING rows
     */
    public record Totals(long succeeded, long failed, long skippedConflict, long running) {}

    public Totals totalsSince(Instant since) {
        return jdbc.sql(TOTALS)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    /**
     * A finished run, for the alert policy.
     *
     * @param status SUCCEEDED or FAILED
     * @param finishedAt when it ended
     * @param error why it failed, or null
     */
    public record Finished(JobStatus status, Instant finishedAt, String error) {}

    /** The newest finished (SUCCEEDED or FAILED) runs, newest first. */
    public List<Finished> recentFinished(int limit) {
        return jdbc.sql(RECENT_FINISHED)
                .param("limit", limit)
                .query((rs, n) -> new Finished(
                        JobStatus.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .list();
    }

    public Optional<Instant> latestFinished(JobStatus status) {
        return jdbc.sql(LATEST_FINISHED)
                .param("status", status.name())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /**
     * Symbols the newest finished run left unpriced.
     *
     * @param finishedAt when that run ended
     * @param count how many symbols failed
     * @param named the first of them
     */
    public record Unpriced(Instant finishedAt, int count, List<String> named) {}

    /** What the newest finished run left unpriced; empty when it priced every symbol it needed. */
    public Optional<Unpriced> latestUnpriced(int named) {
        return jdbc.sql(LATEST_UNPRICED)
                .param("named", named)
                .query((rs, n) -> new Unpriced(rs.getTimestamp(1).toInstant(), rs.getInt(2), List.of((String[])
                        rs.getArray(3).getArray())))
                .optional()
                .filter(unpriced -> unpriced.count() > 0);
    }

    /** The RUNNING rows, oldest first. */
    public List<RefreshJob> running() {
        return jdbc.sql(RUNNING).query(jobs::map).list();
    }
}
