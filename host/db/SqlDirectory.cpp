#include "host/db/SqlDirectory.hpp"

#include <cstdlib>
#include <system_error>

#include "host/config/DataDirectories.hpp"
#include "host/db/MigrationError.hpp"

namespace pricefeed::host {
namespace {

bool is_existing_directory(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error);
}

}  // namespace

SqlDirectoryCandidates sql_directory_candidates() {
  SqlDirectoryCandidates candidates;
  if (const char* configured = std::getenv("PRICEFEED_SQL_DIR");
      configured != nullptr && *configured != '\0') {
    candidates.configured = configured;
  }
  const DataDirectories data = data_directories();
  if (!data.installed.empty()) candidates.installed = data.installed / "sql";
  candidates.source_tree = data.source_tree / "sql";
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
