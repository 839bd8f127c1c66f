#!/usr/bin/env bash
# The main job on one machine, from a fresh clone: installs the packages, builds, starts a private
# PostgreSQL under .pricefeed/ in the project folder, migrates it, lists the plugins and sources,
# seeds the catalog and backfills a year of a stock, a coin, a currency pair and a commodity — from
# the real APIs when they can be reached, else from pricefeed-sandbox, the local stand-in that speaks
# their real wire formats — and shows what was written.
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
sandbox_url=""
if curl -fsS -m 8 -A "Mozilla/5.0" -o /dev/null \
  "https://query1.finance.yahoo.com/v8/finance/chart/AAPL?range=5d&interval=1d" 2>/dev/null; then
  echo "the real APIs answer: using them"
else
  stop_sandbox
  rm -f "$state/sandbox.port"
  "$build_dir/tests/sandbox/pricefeed-sandbox" --listen 127.0.0.1:0 --port-file "$state/sandbox.port" \
    >"$state/sandbox.log" 2>&1 &
  echo $! >"$state/sandbox.pid"
  for _ in $(seq 50); do [[ -s "$state/sandbox.port" ]] && break; sleep 0.1; done
  [[ -s "$state/sandbox.port" ]] || { cat "$state/sandbox.log"; echo "pricefeed-sandbox did not start"; exit 1; }
  sandbox_url=http://127.0.0.1:$(cat "$state/sandbox.port")
  echo "the real APIs are out of reach from here: using pricefeed-sandbox at $sandbox_url for every source"
fi

# The shipped config with local changes: the plugins of this build, the private database, and, when
# the real APIs are out of reach, every source's base_url at the sandbox's stand-in for its API.
upstream=()
if [[ -n "$sandbox_url" ]]; then
  upstream=(-e "s|^base_url = \"https://query1.finance.yahoo.com\"|base_url = \"$sandbox_url\"|"
    -e "s|^base_url = \"https://api.binance.com\"|base_url = \"$sandbox_url\"|"
    -e "s|^base_url = \"https://api.coingecko.com/api/v3\"|base_url = \"$sandbox_url/api/v3\"|"
    -e "s|^base_url = \"https://api.frankfurter.dev/v1\"|base_url = \"$sandbox_url/v1\"|"
    -e "/^\[sources.yahoo\]/a symbol_directory_url = \"$sandbox_url/dynamic/SymDir\"")
fi
sed -e "s|^dirs = .*|dirs = [\"$build_dir/plugins.d\"]|" \
    -e "s|^url = \"postgresql:///pricefeed\"|url = \"$database_url\"|" \
    -e "s|^exchanges_file = .*|exchanges_file = \"$root/config/exchanges.toml\"|" \
    "${upstream[@]}" "$root/config/pricefeed.toml" >"$state/pricefeed.toml"
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

step "seeding the catalog from every source"
"${pricefeed[@]}" seed-catalog || echo "(a catalog source failed; the others' listings were written)"

step "backfilling a year of one stock, one coin, one currency pair and one commodity"
year_ago=$(date -u -d '365 days ago' +%F)
"${pricefeed[@]}" backfill AAPL --class stock --from "$year_ago"
"${pricefeed[@]}" backfill BTC --class crypto --from "$year_ago"
"${pricefeed[@]}" backfill EURUSD --class forex --from "$year_ago"
"${pricefeed[@]}" backfill GOLD --class commodity --from "$year_ago"
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
