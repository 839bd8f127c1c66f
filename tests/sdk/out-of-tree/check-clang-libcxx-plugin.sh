#!/usr/bin/env bash
# A third party's plugin, built the way a third party builds it: against the *installed* SDK alone,
# with another compiler and standard library (clang++ and libc++) than the host's g++/libstdc++.
# The installed, g++-built pricefeed must load it and create its source, and the ABI-level csv tests
# must pass against it.
#
#   check-clang-libcxx-plugin.sh BUILD_DIR SOURCE_DIR CSV_TEST_BINARY
set -euo pipefail
build_dir=$1
source_dir=$2
csv_test=$3

command -v clang++ >/dev/null || { echo "clang++ is not installed (Debian: clang, libc++-14-dev)"; exit 1; }

# In the build tree, not /tmp: the host refuses plugins below a directory anyone may write to.
work=$(mktemp -d "$build_dir/out-of-tree.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
prefix=$work/prefix

echo "== installing the SDK alone into $prefix/sdk (cmake --install --component sdk)"
sdk_prefix=$prefix/sdk
cmake --install "$build_dir" --component sdk --prefix "$sdk_prefix" >"$work/install.log"
test -f "$sdk_prefix/include/pricefeed/sdk.h"
test -f "$sdk_prefix/lib/cmake/PricefeedSDK/PricefeedSDKConfig.cmake" ||
  test -f "$sdk_prefix"/lib/*/cmake/PricefeedSDK/PricefeedSDKConfig.cmake
example=$sdk_prefix/share/pricefeed/sdk/examples/csv-source
test -f "$example/CMakeLists.txt" && test -f "$example/test/csv_source_test.cpp"
host_files=$(find "$sdk_prefix" -path '*/bin/*' -o -name '*.so' -o -name '*.sql' | head -n 5)
[[ -z "$host_files" ]] || { echo "the sdk component installs host files: $host_files"; exit 1; }

echo "== installing the host (component host) into $prefix"
cmake --install "$build_dir" --component host --prefix "$prefix" >>"$work/install.log"

echo "== building the installed example out of tree with clang++ -stdlib=libc++"
# Its GoogleTest test is left out: Debian's libgtest is built for libstdc++. The host-built test
# binary runs against this plugin below instead.
CXX=clang++ cmake -S "$example" -B "$work/csv-build" \
  -DCMAKE_PREFIX_PATH="$sdk_prefix" -DCMAKE_CXX_FLAGS=-stdlib=libc++ -DCSV_SOURCE_NAME=csv_libcxx \
  -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release >"$work/configure.log"
cmake --build "$work/csv-build" -j2 >"$work/build.log"
plugin=$work/csv-build/csv_libcxx.so
test -f "$plugin"
# Captured first: `ldd | grep -q` under pipefail fails whenever grep stops reading early.
libraries=$(ldd "$plugin")
grep -q 'libc++\.so' <<<"$libraries" || { echo "the plugin is not linked against libc++"; echo "$libraries"; exit 1; }
exported=$(nm -D --defined-only "$plugin" | awk '{print $3}' | sort | tr '\n' ' ')
[[ "$exported" == "pricefeed_abi_version pricefeed_plugin_entry " ]] ||
  { echo "the plugin exports more than the two entry points: $exported"; exit 1; }

echo "== the installed g++-built host lists and creates it"
mkdir -p "$work/plugins"
chmod 755 "$work/plugins"
cp "$plugin" "$work/plugins/"
cat >"$work/pricefeed.toml" <<TOML
[plugins]
dirs = ["$work/plugins"]
enable_unconfigured = false
[sources.csv_libcxx]
dir = "$source_dir/sdk/examples/csv-source/example-data"
TOML
listing=$("$prefix/bin/pricefeed" --config "$work/pricefeed.toml" --log-format text plugins 2>"$work/plugins.log")
echo "$listing"
grep -Eq '/csv_libcxx\.so +csv_libcxx +1\.0\.0 +1\.1 .* loaded$' <<<"$listing" || { echo "csv_libcxx.so was not loaded"; exit 1; }
grep -Eq '^csv_libcxx +csv_libcxx +yes +ready$' <<<"$listing" || { echo "the csv_libcxx source did not start"; exit 1; }

echo "== the ABI-level csv tests against the clang/libc++ build"
PRICEFEED_CSV_PLUGIN=$plugin PRICEFEED_CSV_PLUGIN_NAME=csv_libcxx "$csv_test" --gtest_brief=1
echo "out-of-tree clang/libc++ plugin: ok"
