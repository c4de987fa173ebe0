package dev.valuator.refresh.jobs;

import dev.valuator.marketdata.PriceSummary;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.system.RunProgress;
import dev.valuator.valuation.ValuationSummary;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writes of a job row over its life in {@code refresh_jobs}: opened RUNNING (or recorded
 * SKIPPED_CONFLICT), its progress saved, closed by a fenced update, reaped when its process died,
 * deleted after the retention period. The reads are {@link RefreshJobs}.
 */
@Repository
public class JobLifecycle {

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

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobLifecycle(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insertRunning(
            UUID id,
            Caller source,
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

    public void insertSkipped(
            UUID id, Caller source, RefreshRequest request, Instant now, UUID runningJobId, String instance) {
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
    public boolean finish(
            JdbcClient via,
            UUID id,
            JobStatus status,
            Instant now,
            PriceSummary price,
            ValuationSummary valuation,
            String error) {
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
    public boolean finish(
            UUID id, JobStatus status, Instant now, PriceSummary price, ValuationSummary valuation, String error) {
        return finish(jdbc, id, status, now, price, valuation, error);
    }

    /** Saves a running job's figures; a row no longer RUNNING keeps its last ones. */
    public void saveProgress(UUID id, RunProgress progress) {
        jdbc.sql(SAVE_PROGRESS)
                .param("id", id)
                .param("progress", json.writeValueAsString(progress))
                .update();
    }

    /**
     * Closes as FAILED the RUNNING rows whose advisory lock ({@code tag}: class and object id) is
     * not held by the backend that took it; returns their ids.
     */
    public List<UUID> failAbandoned(Instant now, String instance, long[] tag) {
        return jdbc.sql(REAP)
                .param("now", Timestamp.from(now))
                .param("instance", instance)
                .param("classid", tag[0])
                .param("objid", tag[1])
                .query(UUID.class)
                .list();
    }

    /** Deletes the finished rows started before {@code cutoff}; returns how many. */
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql(PURGE).param("cutoff", Timestamp.from(cutoff)).update();
    }
}
