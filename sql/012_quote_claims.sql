-- 012: each due asset is quoted once per daemon tick by the whole cluster (docs/cluster.md,
-- "One quote per tick").
-- older-hosts: safe (adds a table that older hosts neither read nor write; they keep quoting on their own)
--
-- Every host computes which assets are due at a tick, then claims them here before asking a source.
-- A claim names the tick (the interval boundary the tick belongs to); claiming an asset already
-- claimed for the same tick gets nothing, so the hosts that tick at the same boundary divide the
-- assets between them and none is asked for twice. A claim for another tick (an older one, or a
-- replayed `daemon --once --at`) is simply taken over. There is nothing to expire: a host that died
-- holding claims only costs those assets this tick, and the next tick claims them afresh.

CREATE TABLE quote_claims (
    asset_id   bigint      PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
    tick_at    timestamptz NOT NULL,
    claimed_by text        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE quote_claims IS
    'The daemon tick that last claimed each asset''s quote, and the host that claimed it: one row per '
    'asset, replaced at every tick, so hosts ticking at the same boundary quote each asset once.';
COMMENT ON COLUMN quote_claims.tick_at IS 'The interval boundary of the tick that claimed the asset.';
COMMENT ON COLUMN quote_claims.claimed_by IS 'The claiming host''s id (hosts.id: "<host name>:<pid>").';
