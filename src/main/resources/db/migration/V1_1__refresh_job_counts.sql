-- pagination.total of GET /api/valuations/refresh/jobs without counting the job table: one row per
-- (status, trigger), kept exact by triggers in the same transaction as the job rows. With 100,000
-- job rows count(*) took ~9 ms per request (an index-only scan of every row), which saturated two
-- cores at 200 req/s (docs/performance.md, scenario 5).
CREATE TABLE refresh_job_counts (
    status  text   NOT NULL,
    trigger text   NOT NULL,
    n       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (status, trigger)
);
INSERT INTO refresh_job_counts (status, trigger, n)
SELECT s, t, (SELECT count(*) FROM refresh_jobs j WHERE j.status = s AND j.trigger = t)
  FROM unnest(ARRAY['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED_CONFLICT']) s
 CROSS JOIN unnest(ARRAY['MANUAL', 'SCHEDULED']) t;

CREATE FUNCTION refresh_job_counts_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.trigger = OLD.trigger THEN
        RETURN NULL;
    END IF;
    -- one statement for both sides of an UPDATE, so counter rows are always locked in the same order
    UPDATE refresh_job_counts c
       SET n = c.n + d.delta
      FROM (SELECT OLD.status AS status, OLD.trigger AS trigger, -1 AS delta WHERE TG_OP IN ('UPDATE', 'DELETE')
            UNION ALL
            SELECT NEW.status, NEW.trigger, 1 WHERE TG_OP IN ('UPDATE', 'INSERT')) d
     WHERE c.status = d.status AND c.trigger = d.trigger;
    RETURN NULL;
END $$;

CREATE TRIGGER refresh_job_counts_row AFTER INSERT OR DELETE OR UPDATE OF status, trigger ON refresh_jobs
    FOR EACH ROW EXECUTE FUNCTION refresh_job_counts_row();

CREATE FUNCTION refresh_job_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE refresh_job_counts SET n = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER refresh_job_counts_truncate AFTER TRUNCATE ON refresh_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION refresh_job_counts_truncate();
