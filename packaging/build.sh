#!/usr/bin/env bash
# Configures and builds pricefeed into BUILD_DIR (default: build/): everything (host, plugins,
# sandbox, tests, benchmarks), or only the targets named, e.g.
#
#   packaging/build.sh pricefeed bundled_plugins pricefeed-sandbox     what the demo runs
#
# Ninja when it is installed (a tree first configured with another generator keeps it), mold as the
# linker when installed (cmake/Linker.cmake). BUILD_TYPE (default RelWithDebInfo) and
# PRICEFEED_CMAKE_ARGS reach cmake.
set -euo pipefail
# What this makes is not group-writable: the host refuses plugins in such places (docs/writing-a-plugin.md).
umask 022
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
build_type=${BUILD_TYPE:-RelWithDebInfo}

generator=()
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" ${PRICEFEED_CMAKE_ARGS:-} >/dev/null
targets=()
if (($# > 0)); then targets=(--target "$@"); fi
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
