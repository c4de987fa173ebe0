package dev.valuator.refresh;

import dev.valuator.system.RunProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code refresh_jobs} table: one row per run, skipped runs included. */
@Repository
public class RefreshJobs {

    private static final String COLUMNS = """
            job_id, trigger, source, status, started_at, finished_at, duration_ms, request, price, valuation,
            error, running_job_id, progress""";
    private static final String INSERT_RUNNING = """
            INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, request, lock_backend_pid,
                                      instance_id, deadline_at, progress)
            VALUES (:id, :trigger, :source, 'RUNNING', :startedAt, :request::jsonb, :pid, :instance, :deadline,
                    :progress::jsonb)
            """;
    private static final String INSERT_SKIPPED = """
            INSERT INTO refresh_jobs (job_id, trigger, source, status, started_at, finished_at, duration_ms, request,
                                      error, running_job_id, instance_id)
            VALUES (:id, :trigger, :source, 'SKIPPED_CONFLICT', :now, :now, 0, :request::jsonb, :error, :running,
                    :instance)
            """;
    // fenced: only a row still RUNNING is finished, so a reaped or already finished run cannot be overwritten
    private static final String FINISH = """
            UPDATE refresh_jobs
               SET status = :status, finished_at = :now,
                   duration_ms = (extract(epoch FROM (CAST(:now AS timestamptz) - started_at)) * 1000)::bigint,
                   price = COALESCE(:price::jsonb, price), valuation = COALESCE(:valuation::jsonb, valuation),
                   error = :error
             WHERE job_id = :id AND status = 'RUNNING'
            """;
    private static final String SAVE_PROGRESS = """
            UPDATE refresh_jobs SET progress = :progress::jsonb WHERE job_id = :id AND status = 'RUNNING'
            """;
    private static final String FIND = "SELECT " + COLUMNS + " FROM refresh_jobs WHERE job_id = :id";
    private static final String NEWEST_RUNNING =
            "SELECT " + COLUMNS + " FROM refresh_jobs WHERE status = 'RUNNING' ORDER BY started_at DESC LIMIT 1";
    private static final String LAST_SUCCEEDED = "SELECT " + COLUMNS
            + " FROM refresh_jobs WHERE status = 'SUCCEEDED' AND source <> 'IMPORT'"
            + " ORDER BY started_at DESC, job_id DESC LIMIT 1";
    private static final String TYPICAL_DURATION = """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)
              FROM (SELECT duration_ms FROM refresh_jobs WHERE status = 'SUCCEEDED' AND source <> 'IMPORT'
                     ORDER BY started_at DESC LIMIT 20) recent
            """;

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
    private static final String RUNNING =
            "SELECT " + COLUMNS + " FROM refresh_jobs WHERE status = 'RUNNING' ORDER BY started_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private static final String REAP = """
            UPDATE refresh_jobs j
               SET status = 'FAILED', finished_at = :now,
                   duration_ms = (extract(epoch FROM (CAST(:now AS timestamptz) - j.started_at)) * 1000)::bigint,
                   error = 'abandoned: the process running it stopped holding the refresh lock (found at '
                           || to_char(CAST(:now AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                           || ' by ' || :instance || '); it may have crashed or lost its database connection'
             WHERE j.status = 'RUNNING'
               AND NOT EXISTS (
                   SELECT 1 FROM pg_locks l
                    WHERE l.locktype = 'advisory' AND l.granted AND l.pid = j.lock_backend_pid
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND l.classid = :classid AND l.objid = :objid AND l.objsubid = 1)
            RETURNING j.job_id
            """;
    private static final String PURGE = """
            DELETE FROM refresh_jobs WHERE started_at < :cutoff AND status <> 'RUNNING'
            """;

    RefreshJobs(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertRunning(
            UUID id,
            Source source,
            RefreshRequest request,
            Instant startedAt,
            int lockPid,
            String instance,
            Instant deadline) {
        jdbc.sql(INSERT_RUNNING)
                .param("id", id)
                .param("trigger", source.trigger().name())
                .param("source", source.name())
                .param("startedAt", Timestamp.from(startedAt))
                .param("request", json.writeValueAsString(request))
                .param("pid", lockPid)
                .param("instance", instance)
                .param("deadline", Timestamp.from(deadline))
                // a job has figures from its first moment, so no reader sees a RUNNING row without them
                .param("progress", json.writeValueAsString(RunProgress.starting(startedAt)))
                .update();
    }

    void insertSkipped(
            UUID id, Source source, RefreshRequest request, Instant now, UUID runningJobId, String instance) {
        jdbc.sql(INSERT_SKIPPED)
                .param("id", id)
                .param("trigger", source.trigger().name())
                .param("source", source.name())
                .param("now", Timestamp.from(now))
                .param("request", json.writeValueAsString(request))
                .param("error", "Refresh already running" + (runningJobId == null ? "" : " (job " + runningJobId + ")"))
                .param("running", runningJobId)
                .param("instance", instance)
                .update();
    }

    /** Ends a RUNNING row through {@code via}; false when the row was no longer RUNNING (fenced out). */
    boolean finish(
            JdbcClient via, UUID id, JobStatus status, Instant now, Object price, Object valuation, String error) {
        return via.sql(FINISH)
                        .param("id", id)
                        .param("status", status.name())
                        .param("now", Timestamp.from(now))
                        .param("price", price == null ? null : json.writeValueAsString(price))
                        .param("valuation", valuation == null ? null : json.writeValueAsString(valuation))
                        .param("error", error)
                        .update()
                == 1;
    }

    /** Ends a RUNNING row through the pool; false when the row was no longer RUNNING (fenced out). */
    boolean finish(UUID id, JobStatus status, Instant now, Object price, Object valuation, String error) {
        return finish(jdbc, id, status, now, price, valuation, error);
    }

    /** Saves a running job's figures; a row no longer RUNNING keeps its last ones. */
    void saveProgress(UUID id, RunProgress progress) {
        jdbc.sql(SAVE_PROGRESS)
                .param("id", id)
                .param("progress", json.writeValueAsString(progress))
                .update();
    }

    /**
     * Closes as FAILED the RUNNING rows whose advisory lock ({@code tag}: class and object id) is
     * not held by the backend that took it; returns their ids.
     */
    List<UUID> failAbandoned(Instant now, String instance, long[] tag) {
        return jdbc.sql(REAP)
                .param("now", Timestamp.from(now))
                .param("instance", instance)
                .param("classid", tag[0])
                .param("objid", tag[1])
                .query(UUID.class)
                .list();
    }

    /** Deletes the finished rows started before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql(PURGE).param("cutoff", Timestamp.from(cutoff)).update();
    }

    public Optional<RefreshJob> find(UUID id) {
        return jdbc.sql(FIND).param("id", id).query(this::map).optional();
    }

    public Optional<RefreshJob> newestRunning() {
        return jdbc.sql(NEWEST_RUNNING).query(this::map).optional();
    }

    public Optional<RefreshJob> lastSucceeded() {
        return jdbc.sql(LAST_SUCCEEDED).query(this::map).optional();
    }

    /** Median duration of recent successful runs, or empty without history. */
    Optional<Duration> typicalDuration() {
        return jdbc.sql(TYPICAL_DURATION)
                .query((rs, n) -> {
                    double millis = rs.getDouble(1);
                    return rs.wasNull() ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis((long) millis));
                })
                .single();
    }

    /**
     * A page of jobs, newest first.
     *
     * @param jobs the page
     * @param total rows matching the filters
     * @param next the {@code before} cursor of the next page (its last job), or null on the last page
     */
    public record Page(List<RefreshJob> jobs, long total, UUID next) {}

    public Page list(JobStatus status, Trigger trigger, int limit, int offset) {
        Filter filter = filter(status, trigger);
        long total = total(filter);
        List<Object> pageParams = new ArrayList<>(filter.params());
        pageParams.add(limit + 1);
        pageParams.add(offset);
        // the offset is walked in an index-only scan of the ordering index; only the page's rows are read
        List<RefreshJob> jobs = jdbc.sql("SELECT " + COLUMNS + " FROM refresh_jobs WHERE job_id IN (SELECT job_id"
                        + " FROM refresh_jobs" + filter.where()
                        + " ORDER BY started_at DESC, job_id DESC LIMIT ? OFFSET ?)"
                        + " ORDER BY started_at DESC, job_id DESC")
                .params(pageParams)
                .query(this::map)
                .list();
        return page(jobs, limit, total);
    }

    /**
     * The page of jobs older than {@code before} in the list's order: an index range scan from that
     * row, so page 500 costs what page 1 does. Empty when {@code before} is unknown.
     */
    public Optional<Page> listBefore(JobStatus status, Trigger trigger, int limit, UUID before) {
        Optional<Timestamp> startedAt = jdbc.sql("SELECT started_at FROM refresh_jobs WHERE job_id = ?")
                .params(before)
                .query(Timestamp.class)
                .optional();
        if (startedAt.isEmpty()) {
            return Optional.empty();
        }
        Filter filter = filter(status, trigger);
        List<Object> params = new ArrayList<>(filter.params());
        params.add(startedAt.get());
        params.add(before);
        params.add(limit + 1);
        List<RefreshJob> jobs = jdbc.sql("SELECT " + COLUMNS + " FROM refresh_jobs" + filter.where()
                        + " AND (started_at, job_id) < (?, ?) ORDER BY started_at DESC, job_id DESC LIMIT ?")
                .params(params)
                .query(this::map)
                .list();
        return Optional.of(page(jobs, limit, total(filter)));
    }

    private record Filter(String where, List<Object> params) {}

    private static Filter filter(JobStatus status, Trigger trigger) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (trigger != null) {
            where.append(" AND trigger = ?");
            params.add(trigger.name());
        }
        return new Filter(where.toString(), params);
    }

    /** Rows matching the filter, from refresh_job_counts (kept exact by triggers, V1_1): no scan of the jobs. */
    private long total(Filter filter) {
        return jdbc.sql("SELECT coalesce(sum(n), 0) FROM refresh_job_counts" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    /** One row more than the page was read: whether it exists says if there is a next page. */
    private static Page page(List<RefreshJob> rows, int limit, long total) {
        boolean more = rows.size() > limit;
        List<RefreshJob> jobs = more ? List.copyOf(rows.subList(0, limit)) : rows;
        return new Page(jobs, total, more ? jobs.getLast().jobId() : null);
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

    public List<RefreshJob> running() {
        return jdbc.sql(RUNNING).query(this::map).list();
    }

    private RefreshJob map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        long duration = rs.getLong("duration_ms");
        boolean hasDuration = !rs.wasNull();
        String running = rs.getString("running_job_id");
        return new RefreshJob(
                rs.getObject("job_id", UUID.class),
                Trigger.valueOf(rs.getString("trigger")),
                Source.valueOf(rs.getString("source")),
                JobStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                hasDuration ? duration : null,
                json.readValue(rs.getString("request"), RefreshRequest.class),
                tree(rs.getString("price")),
                tree(rs.getString("valuation")),
                rs.getString("error"),
                running == null ? null : UUID.fromString(running),
                tree(rs.getString("progress")));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
