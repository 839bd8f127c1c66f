-- 001: the initial pricefeed schema.
--
-- Applied by `pricefeed migrate` inside one transaction and recorded in schema_migrations (which the
-- migrator itself creates). Never edit a migration that has been released: add the next number.
--
-- Conventions (docs/database.md explains each):
--   * prices are double precision: they come from upstreams as binary floats and are only compared
--     and charted; quantities and money (holdings, cost basis, market value) are numeric, exact;
--   * enumerations are text with a named CHECK, not CREATE TYPE ... AS ENUM, so that adding a value is
--     an ordinary transactional migration and clients read plain text;
--   * timestamps are timestamptz; a daily bar's ts is midnight UTC of its trading date;
--   * rows are never deleted to stop tracking something: assets.active and tracking_users say so, and
--     foreign keys have no ON DELETE CASCADE, so deleting an asset that has history is refused.

-- ---------------------------------------------------------------------------------------------------
-- Assets: everything pricefeed knows how to price.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE assets (
    id          bigserial   PRIMARY KEY,
    symbol      text        NOT NULL CONSTRAINT assets_symbol_not_empty CHECK (symbol <> ''),
    name        text,
    asset_class text        NOT NULL CONSTRAINT assets_asset_class_known
                            CHECK (asset_class IN ('stock', 'crypto', 'commodity', 'forex', 'bond')),
    exchange    text,
    currency    text,
    source_ids  jsonb       NOT NULL DEFAULT '{}'
                            CONSTRAINT assets_source_ids_is_object CHECK (jsonb_typeof(source_ids) = 'object'),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT assets_asset_class_symbol_key UNIQUE (asset_class, symbol)
);
COMMENT ON TABLE assets IS
    'Every instrument pricefeed can price, from events and from the plugins'' catalogs. One row per '
    '(asset_class, symbol): the same ticker may be a stock and a crypto coin. Never deleted: a symbol '
    'that vanished from its catalog is marked inactive so its history stays referenced.';
COMMENT ON COLUMN assets.symbol IS 'The canonical symbol, validated by the host against the class''s pattern.';
COMMENT ON COLUMN assets.name IS 'Human name from a catalog; NULL until a catalog has named it.';
COMMENT ON COLUMN assets.exchange IS 'Exchange code used to pick the trading calendar (config/exchanges.toml).';
COMMENT ON COLUMN assets.currency IS 'ISO 4217 currency the asset is quoted in; NULL until known.';
COMMENT ON COLUMN assets.source_ids IS
    'Per source, the symbol or id that source knows the asset by, e.g. {"coingecko": "bitcoin", '
    '"binance": "BTCUSDT"}. A source missing here is asked with the canonical symbol.';
COMMENT ON COLUMN assets.active IS 'False once the catalog no longer lists the symbol; the daemon skips it.';

-- ---------------------------------------------------------------------------------------------------
-- Tracking: which assets are held, so pricefeed fetches only what someone owns.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE tracked_assets (
    asset_id          bigint      PRIMARY KEY REFERENCES assets (id),
    first_tracked_at  timestamptz NOT NULL DEFAULT now(),
    last_tracked_at   timestamptz NOT NULL DEFAULT now(),
    tracking_users    integer     NOT NULL DEFAULT 0
                                  CONSTRAINT tracked_assets_tracking_users_not_negative CHECK (tracking_users >= 0),
    last_price_update timestamptz,
    history_from      date
);
COMMENT ON TABLE tracked_assets IS
    'Assets whose prices are kept fresh. A row stays when its last holder sells (tracking_users = 0) '
    'so history_from still tells the next buyer''s event which history already exists.';
COMMENT ON COLUMN tracked_assets.tracking_users IS
    'How many users hold the asset now (asset_holders rows with quantity > 0); > 0 means the daemon fetches it.';
COMMENT ON COLUMN tracked_assets.last_price_update IS 'When the daemon last wrote a live price for it.';
COMMENT ON COLUMN tracked_assets.history_from IS
    'Earliest date the stored history covers or a backfill job has been queued for: an event needing '
    'an earlier start queues only the missing range.';

-- The daemon's every-interval question is "which tracked assets are held, stalest first"; only a
-- fraction of tracked rows are held at any time, so a partial index keeps that scan small.
CREATE INDEX tracked_assets_active_idx
    ON tracked_assets (last_price_update NULLS FIRST, asset_id)
    WHERE tracking_users > 0;

CREATE TABLE asset_holders (
    user_id        text        NOT NULL CONSTRAINT asset_holders_user_id_not_empty CHECK (user_id <> ''),
    asset_id       bigint      NOT NULL REFERENCES assets (id),
    quantity       numeric     NOT NULL CONSTRAINT asset_holders_quantity_not_negative CHECK (quantity >= 0),
    first_buy_date date        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, asset_id)
);
COMMENT ON TABLE asset_holders IS
    'Each user''s current quantity of each asset, maintained from transaction events, so that '
    'tracked_assets.tracking_users counts real holders and a sell that empties a holding is noticed. '
    'Quantity is numeric: fractional shares and coins must add up exactly. A sold-out holding keeps its '
    'row with quantity 0; a sell larger than the holding is refused (the CHECK), not clamped.';
COMMENT ON COLUMN asset_holders.first_buy_date IS
    'Date of the first buy: history is backfilled from one lookback period before it.';

-- The portfolio refresh asks "who holds these assets"; the primary key is ordered by user.
CREATE INDEX asset_holders_asset_idx ON asset_holders (asset_id);

-- ---------------------------------------------------------------------------------------------------
-- Transaction events: the durable inbox.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE transaction_events (
    event_id     text        PRIMARY KEY
                             CONSTRAINT transaction_events_event_id_length CHECK (char_length(event_id) BETWEEN 1 AND 200),
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    error        text
);
COMMENT ON TABLE transaction_events IS
    'Buy and sell events, stored before they are handled so none is lost: the primary key makes a replay '
    'a no-op, the insert trigger wakes the host at once, and the host also sweeps rows with processed_at '
    'NULL, so an event written while the host was down is handled when it starts.';
COMMENT ON COLUMN transaction_events.event_id IS
    'The sender''s id for the event (at most 200 characters so it always fits a NOTIFY payload).';
COMMENT ON COLUMN transaction_events.payload IS 'The event as received: user_id, type, symbol, asset_class, date, quantity, price, currency.';
COMMENT ON COLUMN transaction_events.processed_at IS 'When handling finished, successfully or not; NULL = still to do.';
COMMENT ON COLUMN transaction_events.error IS 'Why handling failed, when it did (processed_at is then set too).';

-- The sweep for unhandled events must stay cheap however long the history of handled ones grows.
CREATE INDEX transaction_events_unprocessed_idx
    ON transaction_events (received_at)
    WHERE processed_at IS NULL;

-- NOTIFY instead of polling: an event written straight into the table by another application is
-- handled within milliseconds. The payload is the event_id; the notification is delivered only when
-- the inserting transaction commits, so a listener always finds the row.
CREATE FUNCTION pricefeed_notify_transaction_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('transaction_events', NEW.event_id);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION pricefeed_notify_transaction_event() IS
    'Trigger: NOTIFY transaction_events with the new event_id as payload.';

CREATE TRIGGER transaction_events_notify
    AFTER INSERT ON transaction_events
    FOR EACH ROW EXECUTE FUNCTION pricefeed_notify_transaction_event();

-- ---------------------------------------------------------------------------------------------------
-- Backfill queue: the persistent job queue of history fetches.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE backfill_queue (
    id            bigserial   PRIMARY KEY,
    asset_id      bigint      NOT NULL REFERENCES assets (id),
    start_date    date        NOT NULL,
    end_date      date        NOT NULL,
    resolution    text        NOT NULL DEFAULT '1d'
                              CONSTRAINT backfill_queue_resolution_known CHECK (resolution IN ('1d', '1h', '1m')),
    status        text        NOT NULL DEFAULT 'pending'
                              CONSTRAINT backfill_queue_status_known
                              CHECK (status IN ('pending', 'in_progress', 'rate_limited', 'completed', 'failed')),
    retry_after   timestamptz,
    attempts      integer     NOT NULL DEFAULT 0
                              CONSTRAINT backfill_queue_attempts_not_negative CHECK (attempts >= 0),
    max_attempts  integer     NOT NULL DEFAULT 5
                              CONSTRAINT backfill_queue_max_attempts_positive CHECK (max_attempts > 0),
    error_message text,
    source        text,
    locked_by     text,
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    CONSTRAINT backfill_queue_range_ordered CHECK (start_date <= end_date)
);
COMMENT ON TABLE backfill_queue IS
    'History fetch jobs. Workers claim due rows with FOR UPDATE SKIP LOCKED, so several worker processes '
    'never run one job twice; a lease (locked_by, locked_until) lets another worker take over the job of '
    'one that died. Finished rows are kept as the record of what was fetched and why something failed.';
COMMENT ON COLUMN backfill_queue.start_date IS 'First trading date to fetch, inclusive.';
COMMENT ON COLUMN backfill_queue.end_date IS 'Last trading date to fetch, inclusive.';
COMMENT ON COLUMN backfill_queue.status IS
    'pending: due when retry_after is NULL or past; in_progress: leased until locked_until; rate_limited: '
    'the source refused, due again at retry_after; completed; failed: attempts exhausted or no source could serve it.';
COMMENT ON COLUMN backfill_queue.retry_after IS 'Not before this instant (backoff or the source''s Retry-After).';
COMMENT ON COLUMN backfill_queue.source IS
    'The source to use (set when a job must go to a fallback source); NULL = the first in the class''s routing.';
COMMENT ON COLUMN backfill_queue.locked_by IS 'The worker holding the lease (host name and process id).';
COMMENT ON COLUMN backfill_queue.locked_until IS 'Lease expiry: past it an in_progress job is due again.';

-- Claiming due work: filter by status, then by retry_after (pending, rate_limited) or locked_until
-- (in_progress with an expired lease). Completed and failed rows, the bulk of the table over time,
-- are left out of the index altogether.
CREATE INDEX backfill_queue_due_idx
    ON backfill_queue (status, retry_after, locked_until)
    WHERE status IN ('pending', 'rate_limited', 'in_progress');

-- "Is there already a job covering this range for this asset?" before queueing another one.
CREATE INDEX backfill_queue_asset_idx
    ON backfill_queue (asset_id, resolution, start_date, end_date);

-- ---------------------------------------------------------------------------------------------------
-- Prices.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE asset_prices (
    asset_id   bigint           NOT NULL REFERENCES assets (id),
    resolution text             NOT NULL
                                CONSTRAINT asset_prices_resolution_known CHECK (resolution IN ('1d', '1h', '1m')),
    ts         timestamptz      NOT NULL,
    open       double precision,
    high       double precision,
    low        double precision,
    close      double precision NOT NULL,
    adj_close  double precision,
    volume     double precision,
    source     text             NOT NULL,
    PRIMARY KEY (asset_id, resolution, ts)
) PARTITION BY RANGE (ts);
COMMENT ON TABLE asset_prices IS
    'Price bars, partitioned by year of ts (UTC) so that old years can be detached, archived or dropped '
    'whole and a query for a date range reads only its years. Partitions are created on demand by '
    'pricefeed_ensure_price_partition(year) before rows of a new year are written; there is no default '
    'partition, so a forgotten call fails loudly instead of filling a catch-all.';
COMMENT ON COLUMN asset_prices.ts IS
    'Daily bars: midnight UTC of the trading date in the exchange''s calendar, so '
    '(ts AT TIME ZONE ''UTC'')::date is the trading date. Intraday bars: the real open instant.';
COMMENT ON COLUMN asset_prices.close IS 'The price; the only value every source provides (CoinGecko history is price-only).';
COMMENT ON COLUMN asset_prices.open IS 'NULL when the source does not provide it (a NaN from a plugin is written as NULL).';
COMMENT ON COLUMN asset_prices.volume IS 'Traded volume; double precision because crypto volumes are fractional.';
COMMENT ON COLUMN asset_prices.source IS 'The source (config [sources.X] name) that supplied the bar.';

-- Creates the partition of asset_prices for one UTC year if it does not exist yet, and returns its
-- name. Idempotent and safe when many writers call it at once: creators of one year are serialized
-- by a transaction-level advisory lock, because two concurrent CREATE TABLE IF NOT EXISTS can still
-- collide in the catalog, and whoever comes second finds the table and returns. Creating a partition
-- locks asset_prices exclusively for a moment, so call it in its own short transaction (or before the
-- transaction's first write to asset_prices), not in the middle of a write; for a year that exists it
-- returns without taking any lock.
CREATE FUNCTION pricefeed_ensure_price_partition(year integer) RETURNS text
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS
$$
DECLARE
    partition_name text := format('asset_prices_y%s', year);
BEGIN
    IF year IS NULL OR year < 1900 OR year > 2999 THEN
        RAISE EXCEPTION 'pricefeed_ensure_price_partition: year % is outside 1900..2999', year;
    END IF;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN partition_name;
    END IF;

    PERFORM pg_advisory_xact_lock(hashtext('pricefeed_ensure_price_partition'), year);
    -- Taking an advisory lock does not refresh this backend's catalog cache, so to_regclass may still
    -- miss a partition that the lock's previous holder just committed; CREATE TABLE itself sees it
    -- (it locks asset_prices first), and its "already exists" then means that work is done.
    BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF asset_prices FOR VALUES FROM (%L) TO (%L)',
                       partition_name,
                       make_timestamptz(year, 1, 1, 0, 0, 0, 'UTC'),
                       make_timestamptz(year + 1, 1, 1, 0, 0, 0, 'UTC'));
        EXECUTE format('COMMENT ON TABLE %I IS %L', partition_name,
                       format('asset_prices for %s (UTC), created by pricefeed_ensure_price_partition', year));
    EXCEPTION WHEN duplicate_table THEN
        NULL;
    END;
    RETURN partition_name;
END;
$$;
COMMENT ON FUNCTION pricefeed_ensure_price_partition(integer) IS
    'Creates asset_prices_y<year> (UTC year bounds) if missing; returns its name. Idempotent, concurrency-safe.';

CREATE TABLE latest_prices (
    asset_id   bigint           PRIMARY KEY REFERENCES assets (id),
    price      double precision NOT NULL,
    currency   text,
    ts         timestamptz      NOT NULL,
    source     text             NOT NULL,
    updated_at timestamptz      NOT NULL DEFAULT now()
);
COMMENT ON TABLE latest_prices IS
    'The last live quote per asset, upserted by the daemon; what a portfolio page reads for "now", '
    'without scanning the partitioned history.';
COMMENT ON COLUMN latest_prices.ts IS 'When the source says the price was valid (its quote time).';
COMMENT ON COLUMN latest_prices.updated_at IS 'When pricefeed wrote it: a stale updated_at means fetching is failing.';

-- ---------------------------------------------------------------------------------------------------
-- Portfolio cache.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE portfolio_performance_cache (
    user_id       text        PRIMARY KEY,
    base_currency text        NOT NULL,
    market_value  numeric     NOT NULL,
    cost_basis    numeric     NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE portfolio_performance_cache IS
    'Per user, the portfolio''s market value and cost basis converted into base_currency, refreshed after '
    'each quote round for the users holding the quoted assets, so the application reads one row instead '
    'of pricing every holding. numeric: these are money sums that users compare to the cent.';

-- ---------------------------------------------------------------------------------------------------
-- Data quality: what the checks flagged. Kept, not acted on silently, so a person can judge.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE price_anomalies (
    id             bigserial        PRIMARY KEY,
    asset_id       bigint           NOT NULL REFERENCES assets (id),
    resolution     text             NOT NULL,
    ts             timestamptz      NOT NULL,
    previous_close double precision,
    close          double precision,
    change_pct     double precision,
    source         text,
    status         text             NOT NULL DEFAULT 'open'
                                    CONSTRAINT price_anomalies_status_known
                                    CHECK (status IN ('open', 'confirmed', 'dismissed')),
    detected_at    timestamptz      NOT NULL DEFAULT now(),
    note           text,
    CONSTRAINT price_anomalies_bar_key UNIQUE (asset_id, resolution, ts)
);
COMMENT ON TABLE price_anomalies IS
    'Bars whose day-over-day move exceeded the threshold (50%). The bar itself is kept in asset_prices; '
    'this row asks a person to confirm (a real move, a split) or dismiss it. Unique per bar, so re-checking '
    'a replayed range does not flag it twice (INSERT ... ON CONFLICT DO NOTHING).';
COMMENT ON COLUMN price_anomalies.change_pct IS 'Move in percent: 100 * (close - previous_close) / previous_close.';

CREATE INDEX price_anomalies_open_idx ON price_anomalies (detected_at) WHERE status = 'open';

CREATE TABLE price_gaps (
    id              bigserial   PRIMARY KEY,
    asset_id        bigint      NOT NULL REFERENCES assets (id),
    resolution      text        NOT NULL,
    start_date      date        NOT NULL,
    end_date        date        NOT NULL,
    reason          text,
    status          text        NOT NULL DEFAULT 'open'
                                CONSTRAINT price_gaps_status_known
                                CHECK (status IN ('open', 'queued', 'filled', 'unfillable')),
    backfill_job_id bigint      REFERENCES backfill_queue (id),
    detected_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT price_gaps_range_ordered CHECK (start_date <= end_date),
    CONSTRAINT price_gaps_range_key UNIQUE (asset_id, resolution, start_date, end_date)
);
COMMENT ON TABLE price_gaps IS
    'Trading days (by the exchange calendar) missing from the stored history after a job. open: found; '
    'queued: a job to fill it from the next source exists (backfill_job_id); filled; unfillable: no source '
    'had the days. Unique per range, so detecting the same gap again updates rather than duplicates it.';
COMMENT ON COLUMN price_gaps.start_date IS 'First missing trading date, inclusive.';
COMMENT ON COLUMN price_gaps.end_date IS 'Last missing trading date, inclusive.';

CREATE INDEX price_gaps_unresolved_idx ON price_gaps (asset_id) WHERE status IN ('open', 'queued');
