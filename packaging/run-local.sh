#!/usr/bin/env bash
# The main job on one machine, from a fresh clone: installs the packages, builds, starts a private
# PostgreSQL under .pricefeed/ in the project folder, migrates it, lists the plugins and sources,
# and backfills a year of a stock's history — from the real API when it can be reached, else from
# pricefeed-sandbox, the local stand-in that speaks the real wire formats — and shows what was written.
#
#   bash packaging/run-local.sh          run it
#   bash packaging/run-local.sh stop     stop the private PostgreSQL and remove .pricefeed/
#
# The database is a throw-away one for trying pricefeed out: each run starts it afresh.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
state=$root/.pricefeed

stop_sandbox() {
  if [[ -f "$state/sandbox.pid" ]]; then
    kill "$(cat "$state/sandbox.pid")" 2>/dev/null || true
    rm -f "$state/sandbox.pid"
  fi
}

if [[ "${1:-}" == "stop" ]]; then
  stop_sandbox
  bash "$root/tests/support/postgres.sh" stop "$state/postgres"
  rm -rf -- "$state"
  echo "stopped; $state removed"
  exit 0
fi

step() { printf '\n== %s\n' "$*"; }
started=$SECONDS

step "installing packages"
"$root/packaging/install-deps.sh"

step "building (this takes a few minutes the first time)"
"$root/packaging/build.sh"

step "starting a private PostgreSQL in $state/postgres"
mkdir -p "$state"
bash "$root/tests/support/postgres.sh" start "$state/postgres"
server_url=$(cat "$state/postgres/url")
database_url=${server_url%/postgres}/pricefeed
psql "$server_url" -qtAc "CREATE DATABASE pricefeed" >/dev/null

step "choosing the upstream"
yahoo_url=https://query1.finance.yahoo.com
if curl -fsS -m 8 -A "Mozilla/5.0" -o /dev/null "$yahoo_url/v8/finance/chart/AAPL?range=5d&interval=1d" 2>/dev/null; then
  echo "the real Yahoo Finance API answers: using it"
else
  stop_sandbox
  rm -f "$state/sandbox.port"
  "$build_dir/tests/sandbox/pricefeed-sandbox" --listen 127.0.0.1:0 --port-file "$state/sandbox.port" \
    >"$state/sandbox.log" 2>&1 &
  echo $! >"$state/sandbox.pid"
  for _ in $(seq 50); do [[ -s "$state/sandbox.port" ]] && break; sleep 0.1; done
  [[ -s "$state/sandbox.port" ]] || { cat "$state/sandbox.log"; echo "pricefeed-sandbox did not start"; exit 1; }
  yahoo_url=http://127.0.0.1:$(cat "$state/sandbox.port")
  echo "the real APIs are out of reach from here: using pricefeed-sandbox at $yahoo_url"
fi

# The shipped config with local changes: the plugins of this build, the private database, and the
# upstream chosen above.
sed -e "s|^dirs = .*|dirs = [\"$build_dir/plugins.d\"]|" \
    -e "s|^url = \"postgresql:///pricefeed\"|url = \"$database_url\"|" \
    -e "s|^base_url = \"https://query1.finance.yahoo.com\"|base_url = \"$yahoo_url\"|" \
    "$root/config/pricefeed.toml" >"$state/pricefeed.toml"
# The SDK's example source, serving the private prices in its example-data folder.
cat >>"$state/pricefeed.toml" <<TOML

[sources.csv]
dir = "$root/sdk/examples/csv-source/example-data"
TOML
pricefeed=("$build_dir/pricefeed" --config "$state/pricefeed.toml" --log-format text --log-level warn)

step "migrating $database_url"
"${pricefeed[@]}" migrate

step "plugins and sources"
"${pricefeed[@]}" plugins

step "backfilling a year of AAPL"
"${pricefeed[@]}" backfill AAPL --class stock --from "$(date -u -d '365 days ago' +%F)"
"${pricefeed[@]}" worker --once

step "what was written"
psql "$database_url" -P pager=off -c "
  SELECT a.symbol, a.asset_class AS class, count(*) AS rows,
         min((p.ts AT TIME ZONE 'UTC')::date) AS first, max((p.ts AT TIME ZONE 'UTC')::date) AS last,
         round((array_agg(p.close ORDER BY p.ts DESC))[1]::numeric, 2) AS last_close, min(p.source) AS source
  FROM asset_prices p JOIN assets a ON a.id = p.asset_id GROUP BY a.symbol, a.asset_class ORDER BY 1"
psql "$database_url" -P pager=off -c "SELECT id, status, attempts, source, start_date, end_date FROM backfill_queue ORDER BY id"

step "done in $((SECONDS - started)) s"
cat <<TXT
The database stays up for you to look at:   psql $database_url
Configuration used:                         $state/pricefeed.toml
Stop and clean up (database and sandbox):   bash packaging/run-local.sh stop
TXT
