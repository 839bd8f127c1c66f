-- 006: provenance of filled gaps, and the splits that made stored history re-fetched.
--
-- A gap (price_gaps) is filled by a job that asks the routing chain's next source. Its rows are
-- written like any other (source names the fallback that gave them), and once the gap is re-checked
-- and found filled they are linked to it: filled_gap_id says "this row exists because the first
-- source lacked it, and gap N explains why". A link to the gap, rather than a bare boolean, keeps
-- the whole story (which days, which job, which sources were tried and why) one join away. Rows of
-- an ordinary job that completed from a later source are not marked: their source column already
-- names who gave them, and "fallback" is relative to a routing order that can change.

ALTER TABLE asset_prices
    ADD COLUMN filled_gap_id bigint REFERENCES price_gaps (id);
COMMENT ON COLUMN asset_prices.filled_gap_id IS
    'Set on rows that filled a gap of the stored history (price_gaps.id): they came from a fallback '
    'source (named in source), not from the one that gave the surrounding days. NULL for ordinary rows.';

-- A split reported by a source (Yahoo's split events) changes what every earlier close means, so
-- history stored before the split was known is re-fetched once. Unique per (asset, date): the
-- re-fetch job reports the same split again and must not queue another.
CREATE TABLE asset_splits (
    id             bigserial        PRIMARY KEY,
    asset_id       bigint           NOT NULL REFERENCES assets (id),
    split_date     date             NOT NULL,
    numerator      double precision NOT NULL CONSTRAINT asset_splits_numerator_positive CHECK (numerator > 0),
    denominator    double precision NOT NULL CONSTRAINT asset_splits_denominator_positive CHECK (denominator > 0),
    source         text             NOT NULL,
    detected_at    timestamptz      NOT NULL DEFAULT now(),
    refetch_job_id bigint           REFERENCES backfill_queue (id),
    CONSTRAINT asset_splits_asset_date_key UNIQUE (asset_id, split_date)
);
COMMENT ON TABLE asset_splits IS
    'Splits sources reported inside or after an asset''s stored history, each handled once: '
    'refetch_job_id is the job that re-fetched the stored range so close and adj_close agree again '
    '(NULL when nothing stored needed it: the history was fetched after the split, already adjusted).';
COMMENT ON COLUMN asset_splits.numerator IS 'New shares per denominator old shares: a 4-for-1 split is 4:1.';
