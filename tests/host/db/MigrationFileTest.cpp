// How the migrator reads the sql/ directory: which file names are migrations, in what order, and
// which mistakes are refused before anything touches a database.
#include "host/db/MigrationFile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/db/MigrationError.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string message_of_listing(const std::filesystem::path& directory) {
  try {
    list_migration_files(directory);
  } catch (const MigrationError& error) {
    return error.what();
  }
  ADD_FAILURE() << "list_migration_files(" << directory << ") did not throw";
  return {};
}

TEST(MigrationFiles, ParsesVersionAndName) {
  const auto migration = parse_migration_file_name("012_add_price_index.sql");
  ASSERT_TRUE(migration.has_value());
  EXPECT_EQ(migration->version, 12);
  EXPECT_EQ(migration->name, "add_price_index");
  EXPECT_EQ(migration->file_name(), "012_add_price_index.sql");
}

TEST(MigrationFiles, RejectsMalformedMigrationFileName) {
  for (const char* malformed : {"1_initial.sql", "01_initial.sql", "001-initial.sql", "001initial.sql",
                                "001_.sql", "001_Initial.sql", "001_initial schema.sql", "abc_initial.sql",
                                "000_initial.sql", "001_initial.sql.orig", "001_initial"}) {
    EXPECT_FALSE(parse_migration_file_name(malformed).has_value()) << malformed;
  }

  test::TemporaryDirectory directory;
  directory.write_file("001_initial_schema.sql", "SELECT 1;");
  directory.write_file("2_add_index.sql", "SELECT 2;");
  const std::string message = message_of_listing(directory.path());
  EXPECT_THAT(message, HasSubstr("malformed migration file name"));
  EXPECT_THAT(message, HasSubstr("2_add_index.sql"));
  EXPECT_THAT(message, HasSubstr("NNN_name.sql"));
  EXPECT_THAT(message, Not(HasSubstr("001_initial_schema.sql")));
}

TEST(MigrationFiles, RejectsUppercaseSqlExtensionInsteadOfSkippingIt) {
  test::TemporaryDirectory directory;
  directory.write_file("001_initial_schema.sql", "SELECT 1;");
  directory.write_file("002_add_index.SQL", "SELECT 2;");
  EXPECT_THAT(message_of_listing(directory.path()), HasSubstr("002_add_index.SQL"));
}

TEST(MigrationFiles, RejectsDuplicateMigrationNumber) {
  test::TemporaryDirectory directory;
  directory.write_file("001_initial_schema.sql", "SELECT 1;");
  directory.write_file("002_add_index.sql", "SELECT 2;");
  directory.write_file("002_add_column.sql", "SELECT 3;");
  const std::string message = message_of_listing(directory.path());
  EXPECT_THAT(message, HasSubstr("duplicate migration number"));
  EXPECT_THAT(message, HasSubstr("002_add_index.sql"));
  EXPECT_THAT(message, HasSubstr("002_add_column.sql"));
}

TEST(MigrationFiles, SortsByNumberNotByName) {
  test::TemporaryDirectory directory;
  directory.write_file("010_tenth.sql", "");
  directory.write_file("1000_thousandth.sql", "");
  directory.write_file("002_second.sql", "");
  const auto migrations = list_migration_files(directory.path());
  ASSERT_EQ(migrations.size(), 3u);
  EXPECT_EQ(migrations[0].version, 2);
  EXPECT_EQ(migrations[1].version, 10);
  EXPECT_EQ(migrations[2].version, 1000);
  EXPECT_EQ(migrations[2].path, directory.path() / "1000_thousandth.sql");
}

TEST(MigrationFiles, IgnoresFilesThatAreNotSql) {
  test::TemporaryDirectory directory;
  directory.write_file("001_initial_schema.sql", "SELECT 1;");
  directory.write_file("README.md", "notes");
  directory.write_file(".gitkeep", "");
  directory.write_file("drafts/002_not_yet.sql", "SELECT 2;");
  const auto migrations = list_migration_files(directory.path());
  ASSERT_EQ(migrations.size(), 1u);
  EXPECT_EQ(migrations[0].name, "initial_schema");
}

TEST(MigrationFiles, RejectsMissingOrEmptyDirectory) {
  test::TemporaryDirectory directory;
  EXPECT_THAT(message_of_listing(directory.path()), HasSubstr("no migrations"));
  EXPECT_THAT(message_of_listing(directory.path() / "absent"), HasSubstr("does not exist"));
}

TEST(MigrationFiles, TheRepositorysSqlDirectoryIsWellFormed) {
  const auto migrations = list_migration_files(test::source_sql_directory());
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().file_name(), "001_initial_schema.sql");
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1)
        << "migration numbers have a gap before " << migrations[i].file_name();
  }
}

}  // namespace
}  // namespace pricefeed::host
