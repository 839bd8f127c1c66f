-- 007: the retention sweep's look-ups (docs/resilience.md, "Retention").
--
-- The daemon's hourly sweep deletes completed jobs older than [worker].retain_completed_days and
-- processed events older than [events].retain_days, a thousand rows per transaction. These partial
-- indexes let each batch find its oldest rows without reading the whole table, and they cost nothing
-- to the open jobs and unprocessed events that the hot paths touch (those are not in them).

CREATE INDEX backfill_queue_completed_idx
    ON backfill_queue (completed_at)
    WHERE status = 'completed';

CREATE INDEX transaction_events_processed_idx
    ON transaction_events (processed_at)
    WHERE processed_at IS NOT NULL;
