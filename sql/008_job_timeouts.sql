-- 008: a job's timed-out attempts (docs/resilience.md, "Network faults").
--
-- A source that did not answer within its timeout is asked again, at the job's next attempt, with
-- twice the timeout, up to the source's timeout_max_seconds. The count lives with the job because the
-- attempts of one job run in any worker process, one after another.

ALTER TABLE backfill_queue
    ADD COLUMN timeouts integer NOT NULL DEFAULT 0 CHECK (timeouts >= 0);

COMMENT ON COLUMN backfill_queue.timeouts IS
    'attempts that ended in an upstream request timeout; each doubles the next attempt''s timeout';
