package dev.valuator.refresh.jobs;

import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.request.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code refresh_jobs} table, one row per run (skipped runs included): a job by id, the
 * running one, the last success. Its writes are {@link JobLifecycle}, the jobs list {@link
 * JobPages}, the alert queries {@link JobAlerts}.
 */
@Repository
public class RefreshJobs {

    static final String COLUMNS = """
            job_id, trigger, source, status, started_at, finished_at, duration_ms, request, price, valuation,
            error, running_job_id, progress""";
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

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RefreshJobs(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
    public Optional<Duration> typicalDuration() {
        return jdbc.sql(TYPICAL_DURATION)
                .query((rs, n) -> {
                    double millis = rs.getDouble(1);
                    return rs.wasNull() ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis((long) millis));
                })
                .single();
    }

    /** A row of {@link #COLUMNS}. */
    RefreshJob map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        long duration = rs.getLong("duration_ms");
        boolean hasDuration = !rs.wasNull();
        String running = rs.getString("running_job_id");
        return new RefreshJob(
                rs.getObject("job_id", UUID.class),
                Trigger.valueOf(rs.getString("trigger")),
                Caller.valueOf(rs.getString("source")),
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
