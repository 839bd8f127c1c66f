#!/usr/bin/env bash
# Builds the .deb with CPack and checks it as an operator and a plugin author would use it
# (docs/packaging.md): every file in its place, the control files, the installed binary running from
# an unpacked root and finding its plugins and migrations there, and an out-of-tree plugin built
# against the packaged SDK and loaded by the packaged host. Nothing is installed on this machine.
#
#   check-deb.sh [BUILD_DIR]     (default: $BUILD_DIR, else build/; must be configured and built)
#
# The .deb is left in BUILD_DIR/packages. Every missing piece is named, then the script fails.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd -- "${1:-${BUILD_DIR:-$root/build}}" && pwd)

for tool in cpack dpkg-deb cmake; do
  command -v "$tool" >/dev/null || { echo "check-deb: $tool is not installed" >&2; exit 1; }
done

# In the build tree, not /tmp: the host refuses plugins below a directory anyone may write to.
work=$(mktemp -d "$build_dir/check-deb.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
scratch=$work/root
control=$work/control
problems=()
problem() { problems+=("$1"); echo "  MISSING: $1"; }

echo "== building what the package holds, then cpack -G DEB in $build_dir"
# cpack installs what is built and builds nothing itself (cmake/Packaging.cmake).
cmake --build "$build_dir" -j "$(nproc)" --target pricefeed bundled_plugins \
  >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "check-deb: the build failed" >&2; exit 1; }
(cd "$build_dir" && cpack -G DEB -B "$build_dir/packages") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; echo "check-deb: cpack failed" >&2; exit 1; }
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
debs=("$build_dir"/packages/pricefeed_"$version"-*.deb)
[[ -f "${debs[0]}" ]] || { cat "$work/cpack.log"; echo "check-deb: no pricefeed_$version-*.deb was made" >&2; exit 1; }
deb=${debs[0]}
echo "   $deb"
dpkg-deb -x "$deb" "$scratch"
dpkg-deb -e "$deb" "$control"

echo "== control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == pricefeed ]] || problem "Package is \"$(field Package)\", not pricefeed"
[[ "$(field Version)" == "$version"-* ]] || problem "Version $(field Version) is not the project's $version"
[[ -n "$(field Maintainer)" ]] || problem "no Maintainer"
depends=$(field Depends)
for dependency in adduser tzdata libpq5 libpqxx; do
  grep -Eq "(^|, )$dependency" <<<"$depends" || problem "Depends has no $dependency: $depends"
done
grep -q postgresql <<<"$(field Recommends)" || problem "Recommends has no postgresql"

echo "== files"
require_file() { [[ -f "$scratch/$1" ]] || problem "/$1"; }
[[ -x "$scratch/usr/bin/pricefeed" ]] || problem "/usr/bin/pricefeed (executable)"
plugin_dir=usr/lib/pricefeed/plugins
bundled_plugins=(yahoo binance coingecko forex commodities)
for plugin in "${bundled_plugins[@]}"; do require_file "$plugin_dir/$plugin.so"; done
for header in "$root"/sdk/include/pricefeed/*; do require_file "usr/include/pricefeed/$(basename "$header")"; done
sdk_config=$(find "$scratch/usr/lib" -path '*/cmake/PricefeedSDK/PricefeedSDKConfig.cmake' | head -n1)
[[ -n "$sdk_config" ]] || problem "/usr/lib[/<multiarch>]/cmake/PricefeedSDK/PricefeedSDKConfig.cmake"
for migration in "$root"/sql/*.sql; do require_file "usr/share/pricefeed/sql/$(basename "$migration")"; done
require_file usr/share/pricefeed/exchanges.toml
packaged_example=usr/share/pricefeed/sdk/examples/csv-source
for file in CMakeLists.txt README.md src/CsvSource.cpp test/csv_source_test.cpp example-data/catalog.csv; do
  require_file "$packaged_example/$file"
done
require_file etc/pricefeed/pricefeed.toml
require_file etc/pricefeed/exchanges.toml
for mode in serve worker daemon; do
  case $mode in
    serve) unit=lib/systemd/system/pricefeed.service ;;
    *) unit=lib/systemd/system/pricefeed-$mode.service ;;
  esac
  require_file "$unit"
  [[ -f "$scratch/$unit" ]] || continue
  grep -q '^User=pricefeed$' "$scratch/$unit" || problem "/$unit: User=pricefeed"
  grep -q "^ExecStart=/usr/bin/pricefeed --config /etc/pricefeed/pricefeed.toml $mode\$" "$scratch/$unit" ||
    problem "/$unit: ExecStart=/usr/bin/pricefeed --config /etc/pricefeed/pricefeed.toml $mode"
  grep -q '^EnvironmentFile=-/etc/default/pricefeed$' "$scratch/$unit" || problem "/$unit: EnvironmentFile"
  if [[ $mode == serve ]]; then
    grep -q '^ExecReload=/bin/kill -HUP \$MAINPID$' "$scratch/$unit" || problem "/$unit: ExecReload (SIGHUP reloads serve)"
  fi
  for hardening in LimitCORE=0 NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    MemoryDenyWriteExecute=yes SystemCallFilter=@system-service CapabilityBoundingSet= Restart=on-failure; do
    grep -q "^$hardening\$" "$scratch/$unit" || problem "/$unit: $hardening"
  done
done
[[ ! -e "$scratch/$plugin_dir/csv.so" ]] || problem "the example csv plugin must not be packaged"

echo "== control files"
grep -qx /etc/pricefeed/pricefeed.toml "$control/conffiles" 2>/dev/null || problem "conffiles: /etc/pricefeed/pricefeed.toml"
grep -qx /etc/pricefeed/exchanges.toml "$control/conffiles" 2>/dev/null || problem "conffiles: /etc/pricefeed/exchanges.toml"
for script in postinst prerm postrm; do
  [[ -x "$control/$script" ]] || { problem "maintainer script $script"; continue; }
  sh -n "$control/$script" || problem "$script is not valid sh"
done
grep -Eq 'adduser --system .*pricefeed' "$control/postinst" 2>/dev/null || problem "postinst: adduser --system ... pricefeed"
grep -q 'getent passwd pricefeed' "$control/postinst" 2>/dev/null || problem "postinst: create the user only when absent"
! grep -Eq 'systemctl (enable|start)' "$control/postinst" 2>/dev/null || problem "postinst must not enable or start services"

# Run for real where it cannot touch this machine: as root, in a private mount namespace whose /etc
# is a throwaway copy. Twice, as an upgrade would.
if [[ $EUID -eq 0 ]] && command -v adduser >/dev/null && unshare --mount true 2>/dev/null; then
  echo "== postinst, run twice against a copy of /etc"
  if unshare --mount sh -c 'set -e
      cp -a /etc "$1/etc" && mount --bind "$1/etc" /etc
      sh "$2/postinst" configure && sh "$2/postinst" configure 0.0.1-1
      id -gn pricefeed | grep -qx pricefeed' sh "$work" "$control" >"$work/postinst.log" 2>&1; then
    :
  else
    problem "postinst does not create the user and group pricefeed: $(tail -c 500 "$work/postinst.log")"
  fi
else
  echo "== postinst not run (needs root, adduser and a mount namespace: unshare --mount)"
fi

if command -v systemd-analyze >/dev/null; then
  echo "== systemd-analyze verify"
  for unit in "$scratch"/lib/systemd/system/*.service; do
    # The binary is not installed here, so only its absence may be reported.
    report=$(systemd-analyze verify "$unit" 2>&1 | grep -v 'is not executable' || true)
    [[ -z "$report" ]] || problem "$(basename "$unit"): $report"
    # docs/packaging.md "Sandboxing": 1.2 today; 2.0 leaves room for one justified loosening.
    exposure=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null |
      sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    if [[ -n "$exposure" ]] && awk -v e="$exposure" 'BEGIN { exit !(e > 2.0) }'; then
      problem "$(basename "$unit"): systemd-analyze security exposure $exposure, more than 2.0"
    fi
  done
fi

echo "== the packaged configuration points at the packaged files"
packaged_config=$scratch/etc/pricefeed/pricefeed.toml
if [[ -f "$packaged_config" ]]; then
  dirs=$(sed -n 's/^dirs = \["\([^"]*\)"\]$/\1/p' "$packaged_config")
  [[ "$dirs" == "/$plugin_dir" ]] || problem "plugins.dirs in /etc/pricefeed/pricefeed.toml is \"$dirs\", not /$plugin_dir"
  exchanges=$(sed -n 's/^exchanges_file = "\([^"]*\)"$/\1/p' "$packaged_config")
  [[ -z "$exchanges" ]] || problem "daemon.exchanges_file is set ($exchanges): the package relies on the default"
fi

echo "== the unpacked binary runs"
binary=$scratch/usr/bin/pricefeed
if [[ -x "$binary" ]]; then
  "$binary" --help >"$work/help.txt" 2>&1 || problem "/usr/bin/pricefeed --help fails: $(head -c 500 "$work/help.txt")"

  # The packaged configuration with its plugin directory moved under the scratch root; beside the
  # packaged one, so exchanges.toml resolves the same way.
  check_config=$scratch/etc/pricefeed/check.toml
  sed "s|^dirs = .*|dirs = [\"$scratch/$plugin_dir\"]|" "$packaged_config" >"$check_config"
  listing=$("$binary" --config "$check_config" --log-format text plugins 2>"$work/plugins.log") ||
    problem "pricefeed plugins fails: $(tail -c 500 "$work/plugins.log")"
  for plugin in "${bundled_plugins[@]}"; do
    grep -Eq "/$plugin\.so .* loaded$" <<<"$listing" || problem "pricefeed plugins does not load $plugin.so"
  done
  grep -qx "$scratch/etc/pricefeed/exchanges.toml (beside the configuration)" <<<"$listing" ||
    problem "pricefeed plugins does not read the calendars beside the packaged configuration: $listing"

  # A configuration in a folder of its own: the calendars come from the installed copy.
  mkdir -p "$work/elsewhere"
  cp "$check_config" "$work/elsewhere/pricefeed.toml"
  listing=$("$binary" --config "$work/elsewhere/pricefeed.toml" --log-format text plugins 2>>"$work/plugins.log") || true
  grep -qx "$scratch/usr/share/pricefeed/exchanges.toml (installed copy)" <<<"$listing" ||
    problem "a configuration elsewhere does not find /usr/share/pricefeed/exchanges.toml: $listing"

  # No database: the migrations directory is logged before connecting (PRICEFEED_SQL_DIR would win).
  env -u PRICEFEED_SQL_DIR DATABASE_URL=postgresql://127.0.0.1:1/pricefeed \
    "$binary" --config "$check_config" --log-format text migrate >/dev/null 2>"$work/migrate.log" || true
  grep -q "reading migrations.*$scratch/usr/share/pricefeed/sql" "$work/migrate.log" ||
    problem "pricefeed migrate does not read /usr/share/pricefeed/sql: $(head -c 500 "$work/migrate.log")"
fi

echo "== the packaged example built out of tree against the packaged SDK, its test run, loaded by the packaged host"
if [[ -n "$sdk_config" && -x "$binary" ]]; then
  if cmake -S "$scratch/$packaged_example" -B "$work/csv-build" -DCMAKE_PREFIX_PATH="$scratch/usr" \
       -DCMAKE_BUILD_TYPE=Release >"$work/csv.log" 2>&1 &&
     cmake --build "$work/csv-build" -j2 >>"$work/csv.log" 2>&1 &&
     ctest --test-dir "$work/csv-build" >>"$work/csv.log" 2>&1; then
    mkdir -p "$work/plugins"
    chmod 755 "$work/plugins"
    cp "$work/csv-build/csv.so" "$work/plugins/"
    cat >"$work/csv.toml" <<TOML
[plugins]
dirs = ["$work/plugins"]
enable_unconfigured = false
[sources.csv]
dir = "$scratch/$packaged_example/example-data"
TOML
    listing=$("$binary" --config "$work/csv.toml" --log-format text plugins 2>>"$work/csv.log") || true
    grep -Eq '^csv +csv +yes +ready$' <<<"$listing" ||
      problem "the packaged host does not run the csv plugin built against the packaged SDK: $listing"
  else
    problem "the packaged example does not build, or its test fails, against the packaged SDK: $(tail -c 1500 "$work/csv.log")"
  fi
fi

if ((${#problems[@]} > 0)); then
  echo "check-deb: $deb lacks ${#problems[@]} thing(s):" >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "check-deb: $deb: ok"
