# The Debian package, pricefeed_<version>-1_<arch>.deb: `cpack -G DEB` in the build directory
# (docs/packaging.md). One package holds the service and the SDK (headers, CMake package config).
#
# What lives under the prefix (binary, plugins, sql/, SDK) is installed by the rules next to each
# target, for `cmake --install` and the package alike. The files only a system package owns --
# /etc/pricefeed, the systemd units, the docs -- are the component "system", left out of a plain
# `cmake --install --prefix DIR` (their absolute paths would escape DIR) and added to the package below.

set(PRICEFEED_PACKAGE_PREFIX "/usr")
set(PRICEFEED_PACKAGE_BINARY "${PRICEFEED_PACKAGE_PREFIX}/${CMAKE_INSTALL_BINDIR}/pricefeed")
set(PRICEFEED_PACKAGE_CONFIG "/etc/pricefeed/pricefeed.toml")
set(PRICEFEED_PACKAGE_DOC_DIR "${PRICEFEED_PACKAGE_PREFIX}/${CMAKE_INSTALL_DOCDIR}")
set(PRICEFEED_PACKAGE_MAINTAINER "pricefeed maintainers <maintainers@users.noreply.b-seed-3005ba36.example>"
    CACHE STRING "The .deb's Maintainer field")
set(PRICEFEED_PACKAGE_HOMEPAGE "" CACHE STRING "The .deb's Homepage field (left out when empty)")

# The default configuration, which finds exchanges.toml beside itself (daemon.exchanges_file is
# relative to the config file) and the plugins in /usr/lib/pricefeed/plugins (plugins.dirs).
get_filename_component(pricefeed_config_dir "${PRICEFEED_PACKAGE_CONFIG}" DIRECTORY)
install(FILES "${PROJECT_SOURCE_DIR}/config/pricefeed.toml" "${PROJECT_SOURCE_DIR}/config/exchanges.toml"
        DESTINATION "${pricefeed_config_dir}" COMPONENT system EXCLUDE_FROM_ALL)

# One unit per mode, from one template: serve (everything), and worker and daemon for operators who
# split the modes.
set(pricefeed_units
  "pricefeed|serve|pricefeed, all in one process: HTTP API, events, backfill worker and live-price daemon|pricefeed price history and live prices (HTTP API, worker, daemon)"
  "pricefeed-worker|worker|pricefeed worker: runs backfill jobs from the queue (jobs are leased: any number of hosts)|pricefeed backfill worker"
  "pricefeed-daemon|daemon|pricefeed daemon: live prices on a schedule (its periodic work is serialised across hosts)|pricefeed live-price daemon")
foreach(unit IN LISTS pricefeed_units)
  string(REPLACE "|" ";" unit "${unit}")
  list(GET unit 0 unit_name)
  list(GET unit 1 PRICEFEED_UNIT_COMMAND)
  list(GET unit 2 PRICEFEED_UNIT_SUMMARY)
  list(GET unit 3 PRICEFEED_UNIT_DESCRIPTION)
  # `systemctl reload pricefeed` is SIGHUP, which serve answers by reloading its configuration and
  # plugins (docs/reload.md); the worker and daemon commands do not reload, so their units have none.
  if(PRICEFEED_UNIT_COMMAND STREQUAL "serve")
    set(PRICEFEED_UNIT_RELOAD "ExecReload=/bin/kill -HUP $MAINPID")
  else()
    set(PRICEFEED_UNIT_RELOAD "# No ExecReload: only serve reloads (docs/reload.md); restart this one.")
  endif()
  set(unit_file "${PROJECT_BINARY_DIR}/packaging/systemd/${unit_name}.service")
  configure_file("${PROJECT_SOURCE_DIR}/packaging/systemd/pricefeed.service.in" "${unit_file}" @ONLY)
  install(FILES "${unit_file}" DESTINATION /lib/systemd/system COMPONENT system EXCLUDE_FROM_ALL)
endforeach()

install(FILES "${PROJECT_SOURCE_DIR}/docs/packaging.md" "${PROJECT_SOURCE_DIR}/README.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT system EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pricefeed)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these lines and turns an empty
# one into " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "pricefeed keeps a PostgreSQL database filled with price history and live
prices for the assets a portfolio's users hold: stocks, crypto, commodities,
forex and bonds. It backfills history, keeps live prices fresh during trading
hours, and serves an HTTP API. Sources are plugins over a stable C ABI; the
bundled ones are yahoo, binance, coingecko, forex and commodities.

This package also holds the plugin SDK (headers and the PricefeedSDK CMake
package).")
set(CPACK_PACKAGE_CONTACT "${PRICEFEED_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PRICEFEED_PACKAGE_MAINTAINER}")
if(PRICEFEED_PACKAGE_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PRICEFEED_PACKAGE_HOMEPAGE}")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX "${PRICEFEED_PACKAGE_PREFIX}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# adduser for postinst; tzdata for the exchanges' time zones (read at run time, not linked).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata, libpq5")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql")
find_program(PRICEFEED_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PRICEFEED_DPKG_SHLIBDEPS)
  # The libraries the binary and plugins link (libpqxx, OpenSSL, libstdc++ ...), with versions.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(WARNING "dpkg-shlibdeps (Debian: dpkg-dev) is not installed: the .deb will not depend on "
                  "the libraries pricefeed links")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles"
  "${PROJECT_SOURCE_DIR}/packaging/debian/postinst"
  "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
  "${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The RelWithDebInfo binary is mostly debug information.
set(CPACK_STRIP_FILES ON)
# CPack (and `make install`) would first build `all`, tests included: the package needs only the
# binary and plugins, which packaging/check-deb.sh builds before calling cpack. An install of
# something not built fails naming the missing file.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
# Every component a plain install has, plus "system".
set(CPACK_INSTALL_CMAKE_PROJECTS
  "${PROJECT_BINARY_DIR};${PROJECT_NAME};ALL;/"
  "${PROJECT_BINARY_DIR};${PROJECT_NAME};system;/")
include(CPack)
