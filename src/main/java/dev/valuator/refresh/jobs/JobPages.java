package dev.valuator.refresh.jobs;

import dev.valuator.refresh.request.Trigger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The jobs list: pages of {@code refresh_jobs} by offset or keyset, totals from {@code refresh_job_counts}. */
@Repository
public class JobPages {

    private final JdbcClient jdbc;
    private final RefreshJobs jobs;

    JobPages(JdbcClient jdbc, RefreshJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
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
        List<RefreshJob> rows = jdbc.sql("SELECT " + RefreshJobs.COLUMNS
                        + " FROM refresh_jobs WHERE job_id IN (SELECT job_id FROM refresh_jobs" + filter.where()
                        + " ORDER BY started_at DESC, job_id DESC LIMIT ? OFFSET ?)"
                        + " ORDER BY started_at DESC, job_id DESC")
                .params(pageParams)
                .query(jobs::map)
                .list();
        return page(rows, limit, total);
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
        List<RefreshJob> rows = jdbc.sql("SELECT " + RefreshJobs.COLUMNS + " FROM refresh_jobs" + filter.where()
                        + " AND (started_at, job_id) < (?, ?) ORDER BY started_at DESC, job_id DESC LIMIT ?")
                .params(params)
                .query(jobs::map)
                .list();
        return Optional.of(page(rows, limit, total(filter)));
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
}
