-- A trade import values its account at once when the refresh lock is free, recorded as a job of
-- source IMPORT (trigger MANUAL).
ALTER TABLE refresh_jobs DROP CONSTRAINT refresh_jobs_source_check;
ALTER TABLE refresh_jobs ADD CONSTRAINT refresh_jobs_source_check
    CHECK (source IN ('CRON_HTTP', 'TIMER', 'MANUAL_HTTP', 'CLI', 'IMPORT'));
