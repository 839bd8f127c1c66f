-- 004: what the weekly catalog refresh remembers.
--
-- A listing that vanishes from its catalogs is marked inactive only after two refreshes in a row
-- without it, so one bad answer never retires thousands of assets. catalog_misses counts the
-- refreshes in a row in which a source that listed the asset before answered without it; a refresh
-- that lists it again resets it. daemon_runs remembers when periodic work last ran, so a restart
-- does not redo a weekly refresh.

ALTER TABLE assets
    ADD COLUMN catalog_misses integer NOT NULL DEFAULT 0
        CONSTRAINT assets_catalog_misses_not_negative CHECK (catalog_misses >= 0);
COMMENT ON COLUMN assets.catalog_misses IS
    'Catalog refreshes in a row that did not list this asset although a source that lists it answered; '
    '2 marks it inactive. Reset when a catalog lists it again.';

CREATE TABLE daemon_runs (
    job         text        PRIMARY KEY,
    last_run_at timestamptz NOT NULL
);
COMMENT ON TABLE daemon_runs IS 'When periodic daemon work (job: catalog ...) last ran.';
