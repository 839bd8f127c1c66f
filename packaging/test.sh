#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs the packages, builds, and runs every test
# with CTest (unit, integration on a private PostgreSQL it starts and removes, end to end).
set -euo pipefail
# What this makes is not group-writable: the host refuses plugins in such places (docs/writing-a-plugin.md).
umask 022
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
# The host loads no plugin another user could change, the build tree's included: say so now, not
# after a build whose every plugin would be refused.
bash "$root/packaging/trusted-tree.sh" "$(dirname -- "$build_dir")" ||
  { echo "move the clone below a folder only you or root can write (docs/writing-a-plugin.md)" >&2; exit 1; }

"$root/packaging/install-deps.sh"
"$root/packaging/build.sh"
# The .deb: built from this build, unpacked and checked (docs/packaging.md).
"$root/packaging/check-deb.sh" "$build_dir"
cd "$build_dir"
rm -f tests/soak/soak-figures.txt
ctest --output-on-failure -j "$(nproc)" --timeout 900
# The soak's figures (docs/soak.md): CTest shows no output of a test that passed.
cat tests/soak/soak-figures.txt 2>/dev/null || true
