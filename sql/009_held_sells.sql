-- 009: the comments of a held sell (docs/events.md, "Sells that arrive before their buy").
--
-- A sell larger than the holding is no longer refused: it waits, with processed_at NULL and its reason
-- in error, until a buy of the same user and asset makes it up. No column changes; the comments that
-- said otherwise would mislead whoever reads the schema.

COMMENT ON TABLE asset_holders IS
    'Each user''s current quantity of each asset, maintained from transaction events, so that '
    'tracked_assets.tracking_users counts real holders and a sell that empties a holding is noticed. '
    'Quantity is numeric: fractional shares and coins must add up exactly. A sold-out holding keeps its '
    'row with quantity 0; a sell larger than the holding never reaches this table: the event is held '
    '(transaction_events.processed_at NULL) until a buy makes it up. The CHECK keeps quantity >= 0.';
COMMENT ON COLUMN transaction_events.processed_at IS
    'When handling finished, successfully or not; NULL = still to do, or a sell held until the user '
    'holds enough (error then says why).';
COMMENT ON COLUMN transaction_events.error IS
    'Why handling failed (processed_at is then set too), or why a sell is held (processed_at NULL).';
