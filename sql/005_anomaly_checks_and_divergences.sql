-- 005: what the cross-source checks found (docs/quality.md).
--
-- An anomaly (a day-over-day move beyond the threshold) is checked once against the next source of
-- the asset class's routing chain. The verdict and what that source said are kept on the anomaly:
-- 'agrees' (the move is real: status becomes confirmed), 'disagrees' (the status stays open: a person
-- must judge which source is right) or 'unavailable' (no second source could answer). checked_at set
-- means the check ran, so it is never repeated for that anomaly.

ALTER TABLE price_anomalies
    ADD COLUMN checked_source text,
    ADD COLUMN checked_close double precision,
    ADD COLUMN checked_previous_close double precision,
    ADD COLUMN verdict text
        CONSTRAINT price_anomalies_verdict_known CHECK (verdict IN ('agrees', 'disagrees', 'unavailable')),
    ADD COLUMN checked_at timestamptz;
COMMENT ON COLUMN price_anomalies.checked_source IS 'The second source asked for the anomaly''s days.';
COMMENT ON COLUMN price_anomalies.checked_close IS 'That source''s close of the anomaly''s day.';
COMMENT ON COLUMN price_anomalies.checked_previous_close IS 'That source''s close of the day before.';
COMMENT ON COLUMN price_anomalies.verdict IS
    'agrees: the second source shows the same close (within quality.divergence_threshold_pct); '
    'disagrees: it does not; unavailable: no second source could be asked. NULL: not checked yet.';

CREATE INDEX price_anomalies_unchecked_idx ON price_anomalies (detected_at) WHERE checked_at IS NULL;

-- The daily divergence check: the stored close (source_a) against a second source's close
-- (source_b) of the same trading day, recorded when they differ by more than the threshold.
CREATE TABLE price_divergences (
    id          bigserial        PRIMARY KEY,
    asset_id    bigint           NOT NULL REFERENCES assets (id),
    date        date             NOT NULL,
    source_a    text             NOT NULL,
    close_a     double precision NOT NULL,
    source_b    text             NOT NULL,
    close_b     double precision NOT NULL,
    diff_pct    double precision NOT NULL,
    status      text             NOT NULL DEFAULT 'open'
                                 CONSTRAINT price_divergences_status_known CHECK (status IN ('open', 'dismissed')),
    detected_at timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT price_divergences_key UNIQUE (asset_id, date, source_a, source_b)
);
COMMENT ON TABLE price_divergences IS
    'Closes of one asset and trading day on which two sources differ by more than '
    'quality.divergence_threshold_pct. Stored rows are not changed; a person dismisses the finding '
    'or fixes the data. Unique per (asset, date, sources): re-checking a day does not record it twice.';
COMMENT ON COLUMN price_divergences.source_a IS 'The source of the stored row (asset_prices.source).';
COMMENT ON COLUMN price_divergences.source_b IS 'The second source of the routing chain that was asked.';
COMMENT ON COLUMN price_divergences.diff_pct IS 'Percent: 100 * (close_b - close_a) / close_a.';

CREATE INDEX price_divergences_open_idx ON price_divergences (asset_id) WHERE status = 'open';
