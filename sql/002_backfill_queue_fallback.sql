-- 002: what the backfill queue needs to remember about fallback sources.
--
-- A job walks its asset class's routing chain (crypto: binance, then coingecko). A source that
-- answers not_found or permanent is exhausted for that job: the worker moves on to the next one
-- without spending a retry attempt. 001 keeps only the last source tried and one error_message, so
-- nothing remembered which sources were exhausted and why: a worker taking over a job (after a
-- restart or an expired lease) would ask an exhausted source again, and a job that no source can
-- serve could not fail "with every source's reason". exhausted_sources remembers that, in the job's
-- own row, so a claim reads it in the same statement and an outcome updates it under the same lease
-- guard as every other column of the job.

ALTER TABLE backfill_queue
    ADD COLUMN exhausted_sources jsonb NOT NULL DEFAULT '[]'
        CONSTRAINT backfill_queue_exhausted_sources_is_array CHECK (jsonb_typeof(exhausted_sources) = 'array');
COMMENT ON COLUMN backfill_queue.exhausted_sources IS
    'Sources that answered not_found or permanent for this job, in the order they were tried: '
    '[{"source": "binance", "reason": "not_found: unknown symbol", "at": "2024-05-01T10:00:00Z"}, ...]. '
    'Workers skip them; when every routed source is here the job fails with all their reasons.';

-- With the chain remembered above, source no longer has to say which source comes next.
COMMENT ON COLUMN backfill_queue.source IS
    'The source tried last: the one that completed the job, or that last failed or rate-limited it. '
    'NULL until a worker has tried one. The next source is the first of the routing chain not in exhausted_sources.';
