#!/usr/bin/env bash
# Configures and builds pricefeed (host, plugins, sandbox, tests) into BUILD_DIR (default: build/).
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
build_type=${BUILD_TYPE:-RelWithDebInfo}

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" ${PRICEFEED_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
