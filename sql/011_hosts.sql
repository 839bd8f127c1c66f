-- 011: the hosts of a cluster, and periodic tasks leased to a host instead of a session lock.
-- older-hosts: safe (adds a table and a function older hosts do not read, and two nullable columns to daemon_runs that they neither read nor write)
--
-- Every serve, worker and daemon process heartbeats into `hosts` (docs/cluster.md, "Seeing the hosts").
-- A host is alive while its last_seen is younger than [cluster] dead_after_seconds and it has not
-- stopped; the caller passes that window, since only the configuration knows it. The leases a dead
-- host held (backfill jobs, a periodic task) are released by the next live host's heartbeat.
--
-- A periodic task is taken by setting daemon_runs.running_by in one statement rather than by a session
-- advisory lock, which PgBouncer's transaction pooling cannot keep.

CREATE TABLE hosts (
    id             text        PRIMARY KEY CONSTRAINT hosts_id_not_empty CHECK (id <> ''),
    host_name      text        NOT NULL,
    pid            integer     NOT NULL,
    version        text        NOT NULL,
    schema_version integer,
    roles          text[]      NOT NULL
                               CONSTRAINT hosts_roles_known CHECK (roles <@ ARRAY['serve', 'worker', 'daemon']),
    started_at     timestamptz NOT NULL DEFAULT now(),
    last_seen      timestamptz NOT NULL DEFAULT now(),
    stopped_at     timestamptz,
    jobs           bigint[]    NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE hosts IS
    'Every pricefeed process that serves, works or runs the daemon, by its id "<hostname>:<pid>". '
    'Alive while last_seen is younger than [cluster] dead_after_seconds and stopped_at is NULL; rows '
    'last seen more than a day ago are deleted by the live hosts'' heartbeats.';
COMMENT ON COLUMN hosts.id IS 'host_name:pid, what backfill_queue.locked_by and daemon_runs.running_by say.';
COMMENT ON COLUMN hosts.version IS 'The pricefeed version the process runs.';
COMMENT ON COLUMN hosts.schema_version IS
    'The newest migration the process knows; NULL when it could not find its sql/ directory. The '
    'migrator refuses a migration newer than this while the host is alive, unless the file says older '
    'hosts are safe.';
COMMENT ON COLUMN hosts.roles IS 'What the process runs: serve (HTTP API), worker (backfill jobs), daemon.';
COMMENT ON COLUMN hosts.last_seen IS 'Its last heartbeat, in the database''s clock.';
COMMENT ON COLUMN hosts.stopped_at IS 'Set when the process shut down cleanly; NULL while it runs or after it died.';
COMMENT ON COLUMN hosts.jobs IS 'The backfill_queue ids it held at its last heartbeat.';

CREATE FUNCTION pricefeed_host_alive(host_id text, dead_after interval) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM hosts h
                   WHERE h.id = host_id AND h.stopped_at IS NULL AND h.last_seen > now() - dead_after)
$$;
COMMENT ON FUNCTION pricefeed_host_alive(text, interval) IS
    'Whether the host heartbeat within dead_after and has not stopped. A host without a row is not alive.';

ALTER TABLE daemon_runs
    ADD COLUMN running_by    text,
    ADD COLUMN running_since timestamptz,
    ADD CONSTRAINT daemon_runs_lease_whole CHECK ((running_by IS NULL) = (running_since IS NULL));
COMMENT ON COLUMN daemon_runs.running_by IS
    'The host running the task now; NULL when nobody is. Another host may take it over once that host '
    'is no longer alive and the lease is older than dead_after_seconds.';
COMMENT ON COLUMN daemon_runs.running_since IS 'When running_by took the task, in the database''s clock.';
