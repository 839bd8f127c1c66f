#pragma once

#include <filesystem>
#include <optional>

namespace pricefeed::host {

// The places the migrations may be, in the order they are tried.
struct SqlDirectoryCandidates {
  // $PRICEFEED_SQL_DIR: an operator's explicit choice. When set it must exist; it is never
  // silently passed over for another directory.
  std::optional<std::filesystem::path> configured;
  // <directory of the executable>/../share/pricefeed/sql: where `cmake --install` and the .deb put them.
  std::filesystem::path installed;
  // The source tree's sql/, compiled in (PRICEFEED_SOURCE_SQL_DIR): running from a build directory.
  std::filesystem::path source_tree;
};

// The candidates of this process: the environment, /proc/self/exe and the compiled-in source path.
SqlDirectoryCandidates sql_directory_candidates();

// The first candidate that is a directory; throws MigrationError naming every place it looked.
std::filesystem::path choose_sql_directory(const SqlDirectoryCandidates& candidates);

// choose_sql_directory(sql_directory_candidates()): where `pricefeed migrate` reads migrations from.
std::filesystem::path find_sql_directory();

}  // namespace pricefeed::host
