#!/usr/bin/env bash
# The unit, integration and end-to-end tests built and run under AddressSanitizer (with
# LeakSanitizer) and UndefinedBehaviorSanitizer (docs/sanitizers.md). A build directory of its own
# (build-asan/, ignored by git) with PRICEFEED_SANITIZERS=address,undefined: every project target, the
# plugin modules and the pricefeed executable the end-to-end tests drive included. gcc, like the
# normal build, so the Debian C++ libraries (libstdc++) link as usual. Prints how long the configure
# and build, and the test run, took; exits non-zero when a test failed.
#
#   packaging/test-sanitizers.sh                 build, then every test but the excluded ones
#   packaging/test-sanitizers.sh -R yahoo        extra arguments go to ctest
#
# ASAN_BUILD_DIR moves the build; ASAN_JOBS sets the build's parallelism (default 2, through the
# build lock the other build trees of this machine share); ASAN_TEST_JOBS ctest's (default 2).
set -euo pipefail
# What this makes is not group-writable: the host refuses plugins in such places (docs/writing-a-plugin.md).
umask 022
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${ASAN_BUILD_DIR:-$root/build-asan}

# Left out, and why (docs/sanitizers.md):
#   SdkOutOfTree.*  builds an uninstrumented plugin out of tree with clang and libc++ at test time:
#                   it tests the SDK's packaging, not project code, and is the slowest test by far.
#   bench           benchmarks are not built (PRICEFEED_BUILD_BENCHMARKS stays OFF).
#   sandbox tests   the sandbox's own tests are not built (PRICEFEED_BUILD_SANDBOX_TESTS OFF): it is the
#                   tests' upstream, not shipped, and runs sanitized under every end-to-end test.
#   ClusterEndToEnd.NoMinuteOfUpstreamRequestsExceedsTheLimitPlusBurst
#                   a minute of waiting on a 60-a-minute budget; the shared bucket it watches runs
#                   sanitized in the other cluster tests and in ratelimit_postgres_test.
exclude='^SdkOutOfTree\.|^ClusterEndToEnd\.NoMinuteOfUpstreamRequestsExceedsTheLimitPlusBurst$'

started=$(date +%s)
# -O0: with UndefinedBehaviorSanitizer, gcc's -O1 spends most of a compile optimizing the
# instrumentation (a test file: 30 s of CPU at -O1, 11 s at -O0, every check kept; docs/sanitizers.md),
# which made this build half of CI. The tests run somewhat slower, and the stacks are exact.
# The test files share one precompiled header here as in every tree (PRICEFEED_TEST_PCH, ON by
# default; docs/ci.md "Precompiled headers").
generator=()
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O0" \
  -DCMAKE_C_FLAGS_DEBUG="-g -O0" -DPRICEFEED_SANITIZERS=address,undefined -DPRICEFEED_BUILD_BENCHMARKS=OFF \
  -DPRICEFEED_BUILD_SANDBOX_TESTS=OFF
flock /tmp/pricefeed-build.lock cmake --build "$build_dir" -j "${ASAN_JOBS:-2}"
built=$(date +%s)
echo "test-sanitizers.sh: configure + build took $((built - started)) s"

# Leaks fail a test like any other finding; undefined behaviour aborts (-fno-sanitize-recover).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Known leaks of the libraries pricefeed links, each with its reason (packaging/lsan.supp).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/packaging/lsan.supp:print_suppressions=0}
status=0
(cd "$build_dir" && ctest --output-on-failure -j "${ASAN_TEST_JOBS:-2}" --timeout 900 -E "$exclude" "$@") ||
  status=$?
echo "test-sanitizers.sh: tests took $(($(date +%s) - built)) s"
exit $status
