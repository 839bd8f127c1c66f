#!/usr/bin/env bash
# Fuzzes the plugins' parsers of upstream answers, the event validator, the API server's request
# reading and routing, and the gzip decoder with libFuzzer (docs/fuzzing.md): configures a clang build
# directory of its own with PRICEFEED_BUILD_FUZZERS, builds the targets of tests/fuzz, then runs each
# one after the other for FUZZ_SECONDS, seeded with the recorded answers of tests/fixtures or the
# hand-written seeds of tests/fuzz/seeds. Prints executions, speed and coverage per target; exits
# non-zero when a target crashed, and keeps the input that did it.
#
#   packaging/fuzz.sh                          every target, 60 s each
#   FUZZ_SECONDS=300 packaging/fuzz.sh ecb_csv_parser_fuzz
#   FUZZ_BUILD=0 packaging/fuzz.sh             run the targets as built, skip the (locked) build
#
# FUZZ_BUILD_DIR (default build-fuzz/, ignored by git) holds the build and, under fuzz-runs/<target>/,
# each run's scratch corpus, log and crash-* / leak-* / timeout-* inputs. Reproduce a crash with
#   $FUZZ_BUILD_DIR/tests/fuzz/<target> <crash file>
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
runs_dir=$build_dir/fuzz-runs
fixtures=$root/tests/fixtures
seeds=$root/tests/fuzz/seeds

# target -> where its seeds come from (recorded answers; hand-written ones where none are recorded).
declare -A seed_dirs=(
  [yahoo_chart_parser_fuzz]="$fixtures/yahoo"
  [yahoo_quote_parser_fuzz]="$fixtures/yahoo"
  [symbol_directory_parser_fuzz]="$fixtures/nasdaqtrader"
  [binance_klines_parser_fuzz]="$fixtures/binance"
  [binance_ticker_price_parser_fuzz]="$fixtures/binance"
  [binance_exchange_info_parser_fuzz]="$fixtures/binance"
  [coingecko_market_chart_parser_fuzz]="$fixtures/coingecko"
  [coingecko_coins_markets_parser_fuzz]="$fixtures/coingecko"
  [coingecko_coins_list_parser_fuzz]="$fixtures/coingecko"
  [coingecko_simple_price_parser_fuzz]="$fixtures/coingecko"
  [frankfurter_parser_fuzz]="$seeds/frankfurter_parser_fuzz"
  [ecb_csv_parser_fuzz]="$fixtures/ecb"
  [event_validator_fuzz]="$seeds/event_validator_fuzz"
  [http_request_fuzz]="$seeds/http_request_fuzz"
  [gzip_decoder_fuzz]="$seeds/gzip_decoder_fuzz"
)
# The CSV and pipe-delimited readers and the gzip decoder get no JSON dictionary; the server's request
# reading gets HTTP's tokens.
declare -A dicts=(
  [symbol_directory_parser_fuzz]=""
  [ecb_csv_parser_fuzz]=""
  [gzip_decoder_fuzz]=""
  [http_request_fuzz]="$root/tests/fuzz/http.dict"
)
all_targets=(yahoo_chart_parser_fuzz yahoo_quote_parser_fuzz symbol_directory_parser_fuzz
  binance_klines_parser_fuzz binance_ticker_price_parser_fuzz binance_exchange_info_parser_fuzz
  coingecko_market_chart_parser_fuzz coingecko_coins_markets_parser_fuzz
  coingecko_coins_list_parser_fuzz coingecko_simple_price_parser_fuzz frankfurter_parser_fuzz
  ecb_csv_parser_fuzz event_validator_fuzz http_request_fuzz gzip_decoder_fuzz)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  [[ -n ${seed_dirs[$target]+x} ]] || { echo "fuzz.sh: no fuzz target named $target" >&2; exit 2; }
done

if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  CC=${FUZZ_CC:-clang} CXX=${FUZZ_CXX:-clang++} cmake -S "$root" -B "$build_dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRICEFEED_BUILD_TESTS=OFF -DPRICEFEED_BUILD_FUZZERS=ON \
    -DPRICEFEED_SANITIZERS=address,undefined
fi
# The build shares the machine (and its lock) with the other build trees. FUZZ_BUILD=0 runs what is
# built already, without waiting for the lock.
if [[ ${FUZZ_BUILD:-1} != 0 ]]; then
  flock /tmp/pricefeed-build.lock cmake --build "$build_dir" -j "${FUZZ_JOBS:-2}" --target "${targets[@]}"
fi

# Leaks are findings too; the parsers free everything they allocate.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
summary=()
failed=()
for target in "${targets[@]}"; do
  run=$runs_dir/$target
  rm -rf "$run/corpus"
  mkdir -p "$run/corpus" "$run/artifacts"
  cp "${seed_dirs[$target]}"/* "$run/corpus/"
  dict=${dicts[$target]-$root/tests/fuzz/json.dict}
  args=("$run/corpus" "-max_total_time=$seconds" "-timeout=10" "-print_final_stats=1"
        "-artifact_prefix=$run/artifacts/")
  [[ -z $dict ]] || args+=("-dict=$dict")
  echo "== $target: ${seconds}s, seeds from ${seed_dirs[$target]#"$root"/}"
  started=$(date +%s)
  status=0
  "$build_dir/tests/fuzz/$target" "${args[@]}" >"$run/log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - started))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/log" | tail -1)
  execs=${execs:-?}
  per_second=$([[ $execs == "?" || $elapsed -eq 0 ]] && echo "?" || echo $((execs / elapsed)))
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$run/log" | tail -1)
  line="$target: ${execs} execs in ${elapsed}s (${per_second}/s), ${coverage:-cov: ?}"
  if [[ $status -ne 0 ]]; then
    line+=" -- FAILED (exit $status): $(ls "$run/artifacts" | tr '\n' ' ')"
    failed+=("$target")
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' "$run/log" || true
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "== summary (log and inputs in ${runs_dir})"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: ${#failed[@]} target(s) found a crash: ${failed[*]}" >&2
  exit 1
fi
