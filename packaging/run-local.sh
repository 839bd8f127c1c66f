#!/usr/bin/env bash
# The main job on one machine, from a fresh clone: installs the packages, builds, starts a private
# PostgreSQL under .pricefeed/ in the project folder, migrates it, and lists the plugins and sources.
#
#   bash packaging/run-local.sh          run it
#   bash packaging/run-local.sh stop     stop the private PostgreSQL and remove .pricefeed/
#
# The database is a throw-away one for trying pricefeed out: each run starts it afresh.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
state=$root/.pricefeed

if [[ "${1:-}" == "stop" ]]; then
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

# The shipped config with two local changes: the plugins of this build, and the private database.
sed -e "s|^dirs = .*|dirs = [\"$build_dir/plugins.d\"]|" \
    -e "s|^url = \"postgresql:///pricefeed\"|url = \"$database_url\"|" \
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

step "done in $((SECONDS - started)) s"
cat <<TXT
The database stays up for you to look at:   psql $database_url
Configuration used:                         $state/pricefeed.toml
Stop and clean up:                          bash packaging/run-local.sh stop
TXT
