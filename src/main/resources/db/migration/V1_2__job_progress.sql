-- live figures of a running job (phase, calls done and planned, what is still missing, an ETA),
-- written at most once a second by the run and kept when it ends
ALTER TABLE refresh_jobs ADD COLUMN progress jsonb;
