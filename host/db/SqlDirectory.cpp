#include "host/db/SqlDirectory.hpp"

#include <cstdlib>
#include <system_error>

#include "host/db/MigrationError.hpp"

#ifndef PRICEFEED_SOURCE_SQL_DIR
#error "PRICEFEED_SOURCE_SQL_DIR must be defined by the build (host/db/CMakeLists.txt)"
#endif
#ifndef PRICEFEED_INSTALLED_SQL_DIR_FROM_BINDIR
#error "PRICEFEED_INSTALLED_SQL_DIR_FROM_BINDIR must be defined by the build (host/db/CMakeLists.txt)"
#endif

namespace pricefeed::host {
namespace {

bool is_existing_directory(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error);
}

std::filesystem::path executable_directory() {
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : executable.parent_path();
}

}  // namespace

SqlDirectoryCandidates sql_directory_candidates() {
  SqlDirectoryCandidates candidates;
  if (const char* configured = std::getenv("PRICEFEED_SQL_DIR");
      configured != nullptr && *configured != '\0') {
    candidates.configured = configured;
  }
  const std::filesystem::path bin = executable_directory();
  if (!bin.empty()) candidates.installed = (bin / PRICEFEED_INSTALLED_SQL_DIR_FROM_BINDIR).lexically_normal();
  candidates.source_tree = PRICEFEED_SOURCE_SQL_DIR;
  return candidates;
}

std::filesystem::path choose_sql_directory(const SqlDirectoryCandidates& candidates) {
  if (candidates.configured) {
    if (is_existing_directory(*candidates.configured)) return *candidates.configured;
    throw MigrationError("PRICEFEED_SQL_DIR=" + candidates.configured->string() +
                         " is not a directory; point it at pricefeed's sql/ migrations or unset it");
  }
  if (!candidates.installed.empty() && is_existing_directory(candidates.installed))
    return candidates.installed;
  if (!candidates.source_tree.empty() && is_existing_directory(candidates.source_tree))
    return candidates.source_tree;
  throw MigrationError("cannot find pricefeed's sql/ migrations: looked in " +
                       (candidates.installed.empty() ? std::string("(executable's location unknown)")
                                                     : candidates.installed.string()) +
                       " (installed) and " + candidates.source_tree.string() +
                       " (source tree); set PRICEFEED_SQL_DIR to the directory holding 001_*.sql");
}

std::filesystem::path find_sql_directory() {
  return choose_sql_directory(sql_directory_candidates());
}

}  // namespace pricefeed::host
