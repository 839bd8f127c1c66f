#!/usr/bin/env bash
# The main job on one machine, from a fresh clone: installs the packages, builds, starts a private
# PostgreSQL under .pricefeed/ in the project folder, migrates it, lists the plugins and sources,
# seeds the catalog, starts `pricefeed serve` and posts buy events for a stock, a coin, a currency
# pair, a commodity and a London stock, shows the backfill of a year before each purchase — from the
# real APIs when they can be reached, else from pricefeed-sandbox, the local stand-in that speaks
# their real wire formats — then runs one daemon tick and shows the latest prices and the portfolio's
# value in USD.
#
#   bash packaging/run-local.sh          run it
#   bash packaging/run-local.sh stop     stop the private PostgreSQL and remove .pricefeed/
#
# The database is a throw-away one for trying pricefeed out: each run starts it afresh.
set -euo pipefail
# What this makes is not group-writable: the host refuses plugins in such places (docs/writing-a-plugin.md).
umask 022
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
state=$root/.pricefeed

stop_sandbox() {
  if [[ -f "$state/serve.pid" ]]; then
    kill "$(cat "$state/serve.pid")" 2>/dev/null || true
    rm -f "$state/serve.pid"
  fi
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

# The host loads no plugin another user could change, the build tree's included: say so now, not
# after a build whose every plugin would be refused.
bash "$root/packaging/trusted-tree.sh" "$(dirname -- "$build_dir")" ||
  { echo "move the clone below a folder only you or root can write (docs/writing-a-plugin.md)" >&2; exit 1; }

step "installing packages"
"$root/packaging/install-deps.sh"

step "building pricefeed, its plugins and the sandbox (a few minutes the first time)"
# Only what the demo runs; packaging/test.sh builds the tests too.
"$root/packaging/build.sh" pricefeed bundled_plugins csv pricefeed-sandbox

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

step "starting pricefeed serve (HTTP API, events, backfill worker, daemon)"
port=$((18000 + RANDOM % 2000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
sed -i "s|^listen = .*|listen = \"127.0.0.1:$port\"|" "$state/pricefeed.toml"
"${pricefeed[@]}" serve >"$state/serve.log" 2>&1 &
echo $! >"$state/serve.pid"
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || { cat "$state/serve.log"; echo "pricefeed serve did not start"; exit 1; }
echo "listening on http://127.0.0.1:$port"

step "buying one stock, one coin, one currency, one commodity and a London stock (priced in pence)"
bought=$(date -u -d '10 days ago' +%F)
buy() {  # user symbol class quantity price currency
  curl -fsS -X POST "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' -d "{
    \"event_id\": \"demo-$1-$2\", \"user_id\": \"$1\", \"type\": \"buy\", \"symbol\": \"$2\",
    \"asset_class\": \"$3\", \"date\": \"$bought\", \"quantity\": \"$4\", \"price\": \"$5\",
    \"currency\": \"$6\"}"
  echo
}
buy alice AAPL stock 10 180 USD
buy alice BTC crypto 0.25 60000 USD
buy alice EURUSD forex 1000 1.08 USD
buy alice GOLD commodity 2 2100 USD
buy alice OCDO.L stock 500 250 GBp

step "backfilling a year before each purchase (progress every 2 s)"
for _ in $(seq 150); do
  progress=$(psql "$database_url" -qtAc "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM
    (SELECT status, count(*) n FROM backfill_queue GROUP BY status) s")
  echo "jobs: ${progress:-none yet}"
  [[ -n "$progress" && "$progress" != *pending* && "$progress" != *in_progress* && "$progress" != *rate_limited* ]] && break
  sleep 2
done
echo "GET /health/queue: $(curl -fsS "http://127.0.0.1:$port/health/queue")"
kill "$(cat "$state/serve.pid")" 2>/dev/null || true
wait "$(cat "$state/serve.pid")" 2>/dev/null || true
rm -f "$state/serve.pid"

step "what was written"
psql "$database_url" -P pager=off -c "
  SELECT a.symbol, a.asset_class AS class, count(*) AS rows,
         min((p.ts AT TIME ZONE 'UTC')::date) AS first, max((p.ts AT TIME ZONE 'UTC')::date) AS last,
         round((array_agg(p.close ORDER BY p.ts DESC))[1]::numeric, 2) AS last_close, min(p.source) AS source
  FROM asset_prices p JOIN assets a ON a.id = p.asset_id GROUP BY a.symbol, a.asset_class ORDER BY 1"
psql "$database_url" -P pager=off -c "SELECT id, status, attempts, source, start_date, end_date FROM backfill_queue ORDER BY id"

step "one daemon tick: latest prices, then alice's portfolio in USD"
"${pricefeed[@]}" daemon --once
psql "$database_url" -P pager=off -c "
  SELECT a.symbol, a.asset_class AS class, round(p.price::numeric, 4) AS price, p.currency, p.source,
         to_char(p.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS as_of_utc
  FROM latest_prices p JOIN assets a ON a.id = p.asset_id ORDER BY a.asset_class, a.symbol"
psql "$database_url" -P pager=off -c "
  SELECT user_id, base_currency, round(market_value, 2) AS market_value, round(cost_basis, 2) AS cost_basis
  FROM portfolio_performance_cache ORDER BY user_id"

step "done in $((SECONDS - started)) s"
cat <<TXT
The database stays up for you to look at:   psql $database_url
Configuration used:                         $state/pricefeed.toml
Stop and clean up (database and sandbox):   bash packaging/run-local.sh stop
TXT
