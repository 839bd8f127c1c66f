#!/usr/bin/env bash
# Builds and runs the benchmarks against a private, throw-away PostgreSQL. Each benchmark prints its
# own figures and a ratio against a baseline measured in the same run.
#
#   tests/bench/run.sh [BENCH [ARGS...]]     e.g. tests/bench/run.sh backfill_bench --symbols 20
#
# BUILD_DIR (default build/) is configured with PRICEFEED_BUILD_BENCHMARKS=ON.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
benches=(backfill_bench daemon_bench calendar_bench ratelimit_bench queue_bench binance_frame_bench stream_bench)

cmake -S "$root" -B "$build_dir" -DPRICEFEED_BUILD_BENCHMARKS=ON >/dev/null
if [[ $# -gt 0 ]]; then
  benches=("$1")
  shift
fi
cmake --build "$build_dir" -j "$(nproc)" --target "${benches[@]}"

pg_dir=$(mktemp -d /tmp/pricefeed-bench-pg.XXXXXX)
trap 'bash "$root/tests/support/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
bash "$root/tests/support/postgres.sh" start "$pg_dir"
export PRICEFEED_TEST_POSTGRES_URL=$(cat "$pg_dir/url")
export PRICEFEED_SOURCE_DIR=$root

for bench in "${benches[@]}"; do
  "$(find "$build_dir/tests/bench" -type f -name "$bench" -perm -u+x | head -n 1)" "$@"
done
