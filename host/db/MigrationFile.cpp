#include "host/db/MigrationFile.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <system_error>

#include "host/db/MigrationError.hpp"

namespace pricefeed::host {
namespace {

constexpr std::string_view kExtension = ".sql";
constexpr std::size_t kMinimumDigits = 3;

bool has_sql_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == kExtension;
}

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::optional<MigrationFile> parse_migration_file_name(std::string_view file_name) {
  if (file_name.size() <= kExtension.size() || !file_name.ends_with(kExtension)) return std::nullopt;
  const std::string_view stem = file_name.substr(0, file_name.size() - kExtension.size());

  const std::size_t underscore = stem.find('_');
  if (underscore == std::string_view::npos || underscore < kMinimumDigits) return std::nullopt;
  const std::string_view digits = stem.substr(0, underscore);
  const std::string_view name = stem.substr(underscore + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_character)) return std::nullopt;

  int version = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (error != std::errc() || end != digits.data() + digits.size() || version < 1) return std::nullopt;

  return MigrationFile{version, std::string(name), std::filesystem::path(file_name)};
}

std::vector<MigrationFile> list_migration_files(const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw MigrationError("migrations directory " + directory.string() +
                         " does not exist or is not a directory");
  }

  std::map<int, MigrationFile> by_version;
  std::vector<std::string> malformed;
  std::vector<std::string> duplicates;
  std::filesystem::directory_iterator entries(directory, error);
  if (error) {
    throw MigrationError("cannot read migrations directory " + directory.string() + ": " + error.message());
  }
  for (const auto& entry : entries) {
    if (!entry.is_regular_file() || !has_sql_extension(entry.path())) continue;
    const std::string file_name = entry.path().filename().string();
    std::optional<MigrationFile> migration = parse_migration_file_name(file_name);
    if (!migration) {
      malformed.push_back(file_name);
      continue;
    }
    migration->path = entry.path();
    auto [existing, inserted] = by_version.try_emplace(migration->version, *migration);
    if (!inserted) {
      duplicates.push_back("version " + std::to_string(migration->version) + " is both " +
                           existing->second.file_name() + " and " + file_name);
    }
  }

  if (!malformed.empty()) {
    std::sort(malformed.begin(), malformed.end());
    std::string message = "malformed migration file name in " + directory.string() + ":";
    for (const std::string& name : malformed)
      message += " " + name;
    message +=
        " (expected NNN_name.sql: three or more digits, an underscore, lowercase letters, digits or "
        "underscores; e.g. 002_add_price_index.sql)";
    throw MigrationError(message);
  }
  if (!duplicates.empty()) {
    std::sort(duplicates.begin(), duplicates.end());
    std::string message = "duplicate migration number in " + directory.string() + ":";
    for (std::size_t i = 0; i < duplicates.size(); ++i)
      message += (i == 0 ? " " : "; ") + duplicates[i];
    message += " (each version must appear once; renumber one of them)";
    throw MigrationError(message);
  }
  if (by_version.empty()) {
    throw MigrationError("no migrations (NNN_name.sql) found in " + directory.string() +
                         "; is this the pricefeed sql/ directory?");
  }

  std::vector<MigrationFile> migrations;
  migrations.reserve(by_version.size());
  for (auto& [version, migration] : by_version)
    migrations.push_back(std::move(migration));
  return migrations;
}

}  // namespace pricefeed::host
