-- 010: cluster-wide rate limits (docs/cluster.md, "Shared rate limits").
-- older-hosts: safe (adds a table, a view and functions that older hosts neither read nor call; they keep their own in-process limiters)
--
-- One token bucket per source, shared by every pricefeed host on this database (sources with
-- limit_scope = "cluster", the default) and by any other service of the portfolio application that
-- calls pricefeed_acquire() before asking the same upstream. Every time decision uses the database's
-- clock (clock_timestamp() once the row is locked), never a host's.
--
-- Hosts take tokens in small leases so that most requests need no round trip. A leased token is
-- used within lease_seconds of being taken or dropped; until then it counts against the bucket's
-- capacity (leased_in_window, leased_in_previous_window), so tokens in the bucket plus tokens held
-- by hosts never exceed the burst, and the requests all hosts send in any 60 s stay within
-- requests_per_minute + burst.

CREATE TABLE source_rate_limits (
    source                    text             PRIMARY KEY
                              CONSTRAINT source_rate_limits_source_not_empty CHECK (source <> ''),
    requests_per_minute       double precision NOT NULL
                              CONSTRAINT source_rate_limits_rate_positive
                              CHECK (requests_per_minute > 0 AND requests_per_minute < 'Infinity'),
    burst                     integer          NOT NULL
                              CONSTRAINT source_rate_limits_burst_positive CHECK (burst >= 1),
    tokens                    double precision NOT NULL,
    refilled_at               timestamptz      NOT NULL DEFAULT now(),
    cooldown_until            timestamptz,
    lease_seconds             double precision NOT NULL DEFAULT 1
                              CONSTRAINT source_rate_limits_lease_seconds_range
                              CHECK (lease_seconds > 0 AND lease_seconds <= 10),
    lease_window              bigint           NOT NULL DEFAULT 0,
    leased_in_window          double precision NOT NULL DEFAULT 0,
    leased_in_previous_window double precision NOT NULL DEFAULT 0,
    configured_at             timestamptz      NOT NULL DEFAULT now()
);
COMMENT ON TABLE source_rate_limits IS
    'One shared token bucket per source (limit_scope = "cluster"): every host and any other service '
    'spend from it through pricefeed_acquire() or pricefeed_take_rate_limit_tokens(). Created and '
    'reconfigured by each host as it starts (pricefeed_configure_rate_limit: the last start wins).';
COMMENT ON COLUMN source_rate_limits.tokens IS
    'Units in the bucket at refilled_at; negative while a request costlier than the burst is repaid.';
COMMENT ON COLUMN source_rate_limits.refilled_at IS
    'When tokens was last brought up to date; after a cooldown, its end (nothing is earned before it).';
COMMENT ON COLUMN source_rate_limits.cooldown_until IS
    'Nothing is granted before this instant (a 429/418 seen by any host); NULL or past: not cooling down.';
COMMENT ON COLUMN source_rate_limits.lease_seconds IS
    'How long a host may hold tokens it leased before it must use or drop them.';
COMMENT ON COLUMN source_rate_limits.lease_window IS
    'floor(epoch / lease_seconds) of the last lease: leased_in_window counts that window''s leased '
    'tokens, leased_in_previous_window the window before it. Together they bound the tokens hosts may '
    'still hold, which the refill keeps out of the bucket.';

-- The tokens hosts may still hold at `at`: a lease taken in window w is used or dropped before the
-- end of window w + 1.
CREATE FUNCTION pricefeed_rate_limit_tokens_held(bucket source_rate_limits, at timestamptz)
    RETURNS double precision
    LANGUAGE sql STABLE AS $$
    SELECT CASE floor(extract(epoch FROM at) / bucket.lease_seconds)::bigint - bucket.lease_window
               WHEN 0 THEN bucket.leased_in_window + bucket.leased_in_previous_window
               WHEN 1 THEN bucket.leased_in_window
               ELSE 0
           END
$$;
COMMENT ON FUNCTION pricefeed_rate_limit_tokens_held(source_rate_limits, timestamptz) IS
    'Tokens hosts may still hold from their leases at the given instant (an upper bound).';

-- The bucket's tokens at `at`, refilled at requests_per_minute up to the burst less the tokens held.
CREATE FUNCTION pricefeed_rate_limit_tokens_at(bucket source_rate_limits, at timestamptz)
    RETURNS double precision
    LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN at <= bucket.refilled_at THEN bucket.tokens
                ELSE greatest(bucket.tokens,
                              least(bucket.burst - pricefeed_rate_limit_tokens_held(bucket, at),
                                    bucket.tokens + extract(epoch FROM at - bucket.refilled_at)
                                                    * bucket.requests_per_minute / 60))
           END
$$;
COMMENT ON FUNCTION pricefeed_rate_limit_tokens_at(source_rate_limits, timestamptz) IS
    'A bucket''s tokens at the given instant (no earlier than refilled_at), without changing it.';

CREATE FUNCTION pricefeed_take_rate_limit_tokens(
    source text, cost integer, lease_extra integer,
    OUT granted double precision, OUT wait interval, OUT cooldown_until timestamptz,
    OUT tokens double precision, OUT lease_seconds double precision)
    LANGUAGE plpgsql AS $$
DECLARE
    bucket    source_rate_limits;
    taken_at  timestamptz;
    spend     double precision := greatest(cost, 1);
    needed    double precision;
    extra     double precision := 0;
    window_no bigint;
BEGIN
    SELECT * INTO bucket FROM source_rate_limits b WHERE b.source = pricefeed_take_rate_limit_tokens.source
        FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no shared rate limit for source "%"', source
            USING ERRCODE = 'no_data_found',
                  HINT = 'a pricefeed host with [sources.' || source || '] limit_scope = "cluster" creates it '
                         'when it starts';
    END IF;
    -- Read after the lock: callers that queued on the row see the instants in the order they got it.
    taken_at := clock_timestamp();
    -- A cost above the burst waits for a full bucket and leaves it in debt, as the in-process limiter.
    needed := least(spend, bucket.burst);
    bucket.tokens := pricefeed_rate_limit_tokens_at(bucket, taken_at);
    bucket.refilled_at := greatest(bucket.refilled_at, taken_at);
    cooldown_until := CASE WHEN bucket.cooldown_until > taken_at THEN bucket.cooldown_until END;
    lease_seconds := bucket.lease_seconds;
    IF cooldown_until IS NULL AND bucket.tokens + 1e-6 >= needed THEN
        -- Lease more only from plenty, and never more than half of what is left, so that other hosts
        -- asking now still find tokens.
        extra := least(greatest(lease_extra, 0), greatest(floor((bucket.tokens - spend) / 2), 0));
        bucket.tokens := bucket.tokens - spend - extra;
        IF extra > 0 THEN
            window_no := floor(extract(epoch FROM taken_at) / bucket.lease_seconds)::bigint;
            IF window_no = bucket.lease_window + 1 THEN
                bucket.leased_in_previous_window := bucket.leased_in_window;
                bucket.leased_in_window := 0;
            ELSIF window_no <> bucket.lease_window THEN
                bucket.leased_in_previous_window := 0;
                bucket.leased_in_window := 0;
            END IF;
            bucket.lease_window := window_no;
            bucket.leased_in_window := bucket.leased_in_window + extra;
        END IF;
        granted := spend + extra;
        wait := interval '0';
    ELSE
        granted := 0;
        -- Earning starts at refilled_at, which a cooldown puts at its end; and never before the end.
        wait := greatest(coalesce(cooldown_until - taken_at, interval '0'),
                         (bucket.refilled_at - taken_at)
                         + make_interval(secs => greatest(needed - bucket.tokens, 0) * 60
                                                 / bucket.requests_per_minute));
    END IF;
    tokens := bucket.tokens;
    UPDATE source_rate_limits b
       SET tokens = bucket.tokens, refilled_at = bucket.refilled_at, lease_window = bucket.lease_window,
           leased_in_window = bucket.leased_in_window,
           leased_in_previous_window = bucket.leased_in_previous_window
     WHERE b.source = bucket.source;
END
$$;
COMMENT ON FUNCTION pricefeed_take_rate_limit_tokens(text, integer, integer) IS
    'What hosts call: spends cost units (0 counts as 1) and, from plenty, up to lease_extra more to '
    'hold for lease_seconds. granted = units taken (0: none; then wait says how long until cost could '
    'be, and cooldown_until is set while the source cools down); tokens = what is left in the bucket.';

CREATE FUNCTION pricefeed_acquire(source text, cost integer DEFAULT 1) RETURNS interval
    LANGUAGE sql AS $$
    SELECT wait FROM pricefeed_take_rate_limit_tokens(source, cost, 0)
$$;
COMMENT ON FUNCTION pricefeed_acquire(text, integer) IS
    'Spend `cost` units of the source''s shared budget (0 counts as 1). Returns 0 when they were spent '
    'and the request may be sent now; otherwise nothing was spent and the answer is how long to wait '
    'before asking again (always at least the rest of a cooldown). Raises no_data_found for a source '
    'no host has configured.';

CREATE FUNCTION pricefeed_enter_cooldown(source text, retry_after interval) RETURNS timestamptz
    LANGUAGE sql AS $$
    UPDATE source_rate_limits b
       SET cooldown_until = greatest(b.cooldown_until, clock_timestamp() + retry_after),
           -- The source said "too many": what was left is not to be trusted; any debt stays.
           tokens = least(pricefeed_rate_limit_tokens_at(b, clock_timestamp()), 0),
           refilled_at = greatest(b.refilled_at, clock_timestamp() + retry_after)
     WHERE b.source = pricefeed_enter_cooldown.source
    RETURNING b.cooldown_until
$$;
COMMENT ON FUNCTION pricefeed_enter_cooldown(text, interval) IS
    'The source answered 429/418 with this Retry-After: nobody is granted its tokens until then (an '
    'earlier end than the current one is ignored), and the bucket starts empty at the end. Returns the '
    'cooldown''s end in force; NULL for a source no host has configured.';

CREATE FUNCTION pricefeed_configure_rate_limit(
    source text, requests_per_minute double precision, burst integer,
    OUT previous_requests_per_minute double precision, OUT previous_burst integer)
    LANGUAGE plpgsql AS $$
BEGIN
    SELECT b.requests_per_minute, b.burst INTO previous_requests_per_minute, previous_burst
      FROM source_rate_limits b WHERE b.source = pricefeed_configure_rate_limit.source FOR UPDATE;
    INSERT INTO source_rate_limits AS b (source, requests_per_minute, burst, tokens)
    VALUES (source, requests_per_minute, burst, burst)
    ON CONFLICT ON CONSTRAINT source_rate_limits_pkey DO UPDATE
       SET tokens = least(pricefeed_rate_limit_tokens_at(b, clock_timestamp()), excluded.burst),
           refilled_at = greatest(b.refilled_at, clock_timestamp()),
           requests_per_minute = excluded.requests_per_minute, burst = excluded.burst,
           configured_at = now();
END
$$;
COMMENT ON FUNCTION pricefeed_configure_rate_limit(text, double precision, integer) IS
    'A host starting with this source''s requests_per_minute and burst: creates the bucket full, or sets '
    'the new figures on the existing one (the last host to start wins; its tokens, cooldown and leases '
    'stay). Returns the figures it replaced (NULL when new), so the host can say they changed.';

CREATE VIEW source_rate_limit_state AS
    SELECT b.source, b.requests_per_minute, b.burst,
           pricefeed_rate_limit_tokens_at(b, clock_timestamp()) AS tokens,
           greatest(extract(epoch FROM b.cooldown_until - clock_timestamp()), 0) AS cooldown_seconds
      FROM source_rate_limits b;
COMMENT ON VIEW source_rate_limit_state IS
    'Each shared bucket now: its tokens (refilled to this instant) and the seconds its cooldown still '
    'runs (0: none). Read by /metrics.';
