#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::host {

// One numbered migration in the sql/ directory: "001_initial_schema.sql" is version 1, name
// "initial_schema". The number orders the migrations and is what schema_migrations records.
struct MigrationFile {
  int version = 0;
  std::string name;
  std::filesystem::path path;

  // "001_initial_schema.sql": how people refer to a migration.
  std::string file_name() const { return path.filename().string(); }
};

// The rule for a migration's file name: three or more digits (a version of at least 1), an
// underscore, then lowercase letters, digits and underscores, then ".sql". Returns nothing for a
// name that does not match.
std::optional<MigrationFile> parse_migration_file_name(std::string_view file_name);

// Every migration in `directory`, sorted by version. Files whose extension is not .sql (a README,
// .gitkeep) are ignored; a .sql file with a malformed name, two files with one version, a missing
// or empty directory are errors (MigrationError naming the files): a migration that is silently
// skipped would leave the schema behind without anyone noticing.
std::vector<MigrationFile> list_migration_files(const std::filesystem::path& directory);

}  // namespace pricefeed::host
