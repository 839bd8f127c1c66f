# Every dependency is a Debian package, listed in docs/architecture.md "Dependencies"; nothing is downloaded
# at build time. Found once here so that host/, plugins/ and tests/ all see the same imported targets.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS url)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(spdlog REQUIRED)
find_package(date REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET GLOBAL libpqxx)
