#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the tests.
#
#   tests/support/postgres.sh start DIR   initdb into DIR, start on a free 127.0.0.1 port, write DIR/url
#   tests/support/postgres.sh stop DIR    stop that server and remove DIR
#   tests/support/postgres.sh restart DIR restart that server (fast shutdown: open connections are cut)
#                                         on the same port and data directory; DIR/url stays valid
#
# Tests never touch a shared or system database: each build gets its own cluster, tuned for speed
# rather than durability (fsync, full_page_writes and synchronous_commit off — a crash only loses test
# data). initdb refuses to run as root, and CI runs as root, so as root the server runs as the
# `postgres` system user through runuser. The URL written to DIR/url is what TestDatabase reads.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|restart DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
action=$1
dir=$2
[[ -n "$dir" ]] || usage

log() { echo "postgres.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

find_bindir() {
  local candidate
  if [[ -n "${PRICEFEED_PG_BINDIR:-}" ]]; then
    candidate=$PRICEFEED_PG_BINDIR
  elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    candidate=/usr/lib/postgresql/15/bin
  elif command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    candidate=$(pg_config --bindir)
  else
    # Debian's pg_config (libpq-dev) points at /usr/bin, where initdb is not; take the newest server.
    candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]] ||
    die "no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql-15 or set PRICEFEED_PG_BINDIR"
  echo "$candidate"
}

# Runs a server binary as the user that owns the cluster: `postgres` when we are root.
as_server_user() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Where the cluster lives. Normally DIR itself; but as root DIR may sit below a directory the
# postgres user cannot enter (e.g. /root), so then the cluster goes to a fresh directory under /tmp
# and DIR/home records where it went.
server_home() {
  if [[ -f "$dir/home" ]]; then
    cat "$dir/home"
  else
    echo "$dir"
  fi
}

port_is_free() {
  # A successful connect means something already listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_server() {
  local bindir=$1 home
  home=$(server_home)
  if [[ -f "$home/data/postmaster.pid" ]]; then
    # Immediate: no shutdown checkpoint, since the cluster is deleted right after.
    as_server_user "$bindir/pg_ctl" -D "$home/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      log "could not stop the server in $home/data (already gone?)"
  fi
  if [[ -f "$dir/socketdir" ]]; then
    rm -rf -- "$(cat "$dir/socketdir")"
  fi
  if [[ "$home" != "$dir" ]]; then
    rm -rf -- "$home"
  fi
  rm -rf -- "$dir"
}

start_server() {
  local bindir=$1 home socketdir port attempt

  # A server left over from an interrupted run is replaced, never reused: tests want a clean cluster.
  if [[ -e "$dir" ]]; then
    log "replacing the previous test server in $dir"
    stop_server "$bindir"
  fi
  mkdir -p -- "$dir"
  dir=$(cd -- "$dir" && pwd)
  home=$dir

  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (initdb refuses root)"
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      home=$(mktemp -d /tmp/pricefeed-test-postgres.XXXXXX)
      chown postgres: "$home"
      echo "$home" >"$dir/home"
      log "the postgres user cannot write $dir; the cluster lives in $home"
    fi
  fi

  # A Unix socket path may not exceed 107 bytes; a deep build directory gets a short one in /tmp.
  socketdir=$home/socket
  if ((${#socketdir} > 80)); then
    socketdir=$(mktemp -d /tmp/pricefeed-pg-socket.XXXXXX)
    echo "$socketdir" >"$dir/socketdir"
  else
    mkdir -p -- "$socketdir"
  fi
  if [[ $EUID -eq 0 ]]; then chown postgres: "$socketdir"; fi

  # --no-sync: a test cluster need not survive a power cut, and syncing it costs seconds.
  as_server_user "$bindir/initdb" -D "$home/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "initdb into $home/data failed"
  }

  # The port is only known to be free until the server binds it; another process may win the race,
  # so a start that fails is retried on another port.
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    cat >"$home/data/postgresql.auto.conf" <<EOF
# Written by tests/support/postgres.sh: a disposable test cluster, fast rather than durable.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socketdir'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 200
log_min_messages = warning
EOF
    if [[ $EUID -eq 0 ]]; then chown postgres: "$home/data/postgresql.auto.conf"; fi
    if as_server_user "$bindir/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 start >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
      echo "$port" >"$dir/port"
      log "PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port and socket $socketdir; URL in $dir/url"
      return 0
    fi
    log "start on port $port failed (attempt $attempt); retrying on another port"
    tail -n 5 "$home/postgres.log" >&2 || true
  done
  die "could not start PostgreSQL from $home/data; see $home/postgres.log"
}

# For tests of riding out a server restart (tests/soak): the shared test server is never restarted,
# only a private one a test started itself.
restart_server() {
  local bindir=$1 home
  home=$(server_home)
  [[ -f "$home/data/postmaster.pid" ]] || die "no server running in $home/data to restart"
  as_server_user "$bindir/pg_ctl" -D "$home/data" -l "$home/postgres.log" -m fast -w -t 60 restart >/dev/null ||
    die "could not restart the server in $home/data; see $home/postgres.log"
  log "PostgreSQL in $home/data restarted on port $(cat "$dir/port")"
}

bindir=$(find_bindir)
case "$action" in
start) start_server "$bindir" ;;
stop)
  if [[ -e "$dir" ]]; then
    dir=$(cd -- "$dir" && pwd)
    stop_server "$bindir"
  fi
  ;;
restart)
  [[ -d "$dir" ]] || die "$dir: no test server started there"
  dir=$(cd -- "$dir" && pwd)
  restart_server "$bindir"
  ;;
*) usage ;;
esac
