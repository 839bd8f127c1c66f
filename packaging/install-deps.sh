#!/usr/bin/env bash
# Installs the Debian packages pricefeed builds, tests and runs with (docs/architecture.md "Dependencies").
# Nothing else is downloaded, at install or at build time. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build mold pkg-config git ca-certificates curl dpkg-dev
  libboost1.81-dev libboost-url1.81-dev libssl-dev zlib1g-dev
  libpqxx-dev libtomlplusplus-dev nlohmann-json3-dev libspdlog-dev libhowardhinnant-date-dev tzdata
  libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  clang libc++-14-dev libc++abi-14-dev clang-format
  prometheus  # promtool: the metrics end-to-end test checks GET /metrics with `promtool check metrics`
  pgbouncer   # the PgBouncer end-to-end test runs serve through it in transaction pooling mode
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: every package is already installed"
  exit 0
fi

sudo=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root, or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
