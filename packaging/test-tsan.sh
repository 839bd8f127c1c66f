#!/usr/bin/env bash
# The host services' thread-safety test (tests/host/plugins/HostServicesThreadsTest.cpp: the
# hammers_host test plugin calls every host service and sink from 8 threads inside one call) built and
# run under ThreadSanitizer (docs/sanitizers.md, "ThreadSanitizer"). AddressSanitizer sees a race
# only when it happens to corrupt memory; ThreadSanitizer reports the race itself, every run.
#
# A build directory of its own (build-tsan/, ignored by git) with PRICEFEED_SANITIZERS=thread at -O1,
# gcc like the other trees (its sanitizer runtime is a shared library the plugin module links too).
# Only the test and the plugin it loads are built, with the host libraries they need: a few minutes,
# not a second full tree. The tests' shared precompiled header is left out (PRICEFEED_TEST_PCH=OFF):
# for one test file, making it costs more than it saves. Prints how long the build and the test took;
# exits non-zero on a race.
#
#   packaging/test-tsan.sh
#
# TSAN_BUILD_DIR moves the build; TSAN_JOBS sets the build's parallelism (default 2, through the
# build lock the other build trees of this machine share).
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TSAN_BUILD_DIR:-$root/build-tsan}
targets=(host_services_threads_test hammers_host)

started=$(date +%s)
generator=()
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DPRICEFEED_SANITIZERS=thread -DPRICEFEED_BUILD_BENCHMARKS=OFF \
  -DPRICEFEED_TEST_PCH=OFF >/dev/null
flock /tmp/pricefeed-build.lock cmake --build "$build_dir" -j "${TSAN_JOBS:-2}" --target "${targets[@]}"
built=$(date +%s)
echo "test-tsan.sh: configure + build took $((built - started)) s"

# A race anywhere fails the run (halt_on_error); the suppressions are races inside uninstrumented
# system libraries, each with its reason (packaging/tsan.supp), never one in project code.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$root/packaging/tsan.supp}
status=0
(cd "$build_dir" && ctest --output-on-failure --timeout 900 -R '^HostServicesThreads\.') || status=$?
echo "test-tsan.sh: tests took $(($(date +%s) - built)) s"
exit $status
