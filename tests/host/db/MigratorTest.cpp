// The migrator against a real PostgreSQL: idempotence, refusal of a newer schema, atomic failure
// and concurrent runs. Each test has its own database (TestDatabase).
#include "host/db/Migrator.hpp"

#include <future>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/MigrationError.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<int> recorded_versions(const TestDatabase& database) {
  auto connection = database.connect();
  pqxx::nontransaction read(*connection);
  std::vector<int> versions;
  for (const auto& row : read.exec("SELECT version FROM schema_migrations ORDER BY version")) {
    versions.push_back(row[0].as<int>());
  }
  return versions;
}

bool table_exists(const TestDatabase& database, const std::string& table) {
  auto connection = database.connect();
  pqxx::nontransaction read(*connection);
  return !read.exec_params("SELECT to_regclass($1)", table)[0][0].is_null();
}

std::string migration_failure(const Migrator& migrator, const TestDatabase& database) {
  try {
    migrator.migrate(database.url());
  } catch (const MigrationError& error) {
    return error.what();
  }
  ADD_FAILURE() << "migrating " << database.name() << " from " << migrator.directory() << " did not fail";
  return {};
}

TEST(Migrator, MigrateTwiceAppliesNothingTheSecondTime) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  const Migrator migrator(test::source_sql_directory());

  const MigrationReport first = migrator.migrate(database.url());
  ASSERT_EQ(first.applied.size(), migrator.migrations().size());
  EXPECT_EQ(first.schema_version, migrator.latest_version());
  EXPECT_THAT(first.summary(), HasSubstr("applied"));

  const MigrationReport second = migrator.migrate(database.url());
  EXPECT_TRUE(second.up_to_date_already());
  EXPECT_TRUE(second.applied.empty());
  EXPECT_EQ(second.schema_version, migrator.latest_version());
  EXPECT_THAT(second.summary(), HasSubstr("nothing to apply"));
  EXPECT_EQ(recorded_versions(database).size(), migrator.migrations().size());
}

TEST(Migrator, AppliesOnlyTheMigrationsAddedSinceTheLastRun) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  test::TemporaryDirectory sql;
  sql.write_file("001_first.sql", "CREATE TABLE first_table (id int);");
  Migrator(sql.path()).migrate(database.url());

  sql.write_file("002_second.sql", "CREATE TABLE second_table (id int);");
  const MigrationReport report = Migrator(sql.path()).migrate(database.url());
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0].file_name(), "002_second.sql");
  EXPECT_EQ(report.schema_version, 2);
  EXPECT_THAT(recorded_versions(database), ElementsAre(1, 2));
}

TEST(Migrator, RefusesDatabaseWithUnknownNewerMigration) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  test::TemporaryDirectory newer;
  newer.write_file("001_first.sql", "CREATE TABLE first_table (id int);");
  newer.write_file("002_second.sql", "CREATE TABLE second_table (id int);");
  newer.write_file("003_third.sql", "CREATE TABLE third_table (id int);");
  Migrator(newer.path()).migrate(database.url());

  test::TemporaryDirectory older;
  older.write_file("001_first.sql", "CREATE TABLE first_table (id int);");
  const std::string message = migration_failure(Migrator(older.path()), database);
  EXPECT_THAT(message, HasSubstr("does not know: 2 (second), 3 (third)"));
  EXPECT_THAT(message, HasSubstr("knows versions 1..1"));
  EXPECT_THAT(message, HasSubstr("newer pricefeed"));
  EXPECT_THAT(recorded_versions(database), ElementsAre(1, 2, 3));
}

TEST(Migrator, RefusesDatabaseMigratedFromDifferentFiles) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  test::TemporaryDirectory ours;
  ours.write_file("001_first.sql", "CREATE TABLE first_table (id int);");
  Migrator(ours.path()).migrate(database.url());

  test::TemporaryDirectory theirs;
  theirs.write_file("001_something_else.sql", "CREATE TABLE other_table (id int);");
  const std::string message = migration_failure(Migrator(theirs.path()), database);
  EXPECT_THAT(message, HasSubstr("version 1 is recorded as 'first' but the file is 001_something_else.sql"));
}

TEST(Migrator, FailedMigrationLeavesNothingApplied) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  test::TemporaryDirectory sql;
  sql.write_file("001_good.sql", "CREATE TABLE good_table (id int);");
  // The first statement succeeds on its own; the transaction must take it back with the second.
  sql.write_file("002_bad.sql",
                 "CREATE TABLE half_done (id int);\n"
                 "INSERT INTO table_that_does_not_exist VALUES (1);\n");
  sql.write_file("003_after.sql", "CREATE TABLE after_table (id int);");

  const std::string message = migration_failure(Migrator(sql.path()), database);
  EXPECT_THAT(message, HasSubstr("migration 002_bad.sql"));
  EXPECT_THAT(message, HasSubstr((sql.path() / "002_bad.sql").string()));
  EXPECT_THAT(message, HasSubstr("rolled back"));
  EXPECT_THAT(message, HasSubstr("table_that_does_not_exist"));
  EXPECT_THAT(message, HasSubstr("applied before it in this run: 001_good.sql"));

  EXPECT_THAT(recorded_versions(database), ElementsAre(1));
  EXPECT_TRUE(table_exists(database, "good_table"));
  EXPECT_FALSE(table_exists(database, "half_done"));
  EXPECT_FALSE(table_exists(database, "after_table"));

  // Once the file is fixed, the next run picks up where the failed one stopped.
  sql.write_file("002_bad.sql", "CREATE TABLE half_done (id int);");
  const MigrationReport report = Migrator(sql.path()).migrate(database.url());
  ASSERT_EQ(report.applied.size(), 2u);
  EXPECT_THAT(recorded_versions(database), ElementsAre(1, 2, 3));
}

TEST(Migrator, RejectsMalformedMigrationFileNameBeforeTouchingTheDatabase) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  test::TemporaryDirectory sql;
  sql.write_file("001_good.sql", "CREATE TABLE good_table (id int);");
  sql.write_file("02_typo.sql", "CREATE TABLE typo_table (id int);");
  try {
    Migrator migrator(sql.path());
    FAIL() << "a malformed name was accepted";
  } catch (const MigrationError& error) {
    EXPECT_THAT(error.what(), HasSubstr("02_typo.sql"));
  }
  EXPECT_FALSE(table_exists(database, "good_table"));
  EXPECT_FALSE(table_exists(database, "schema_migrations"));
}

TEST(Migrator, ConcurrentMigrationsApplyEachFileOnce) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  const Migrator migrator(test::source_sql_directory());

  // The real migrations CREATE without IF NOT EXISTS, so a file applied twice would fail loudly.
  constexpr int kProcesses = 4;
  std::vector<std::future<MigrationReport>> runs;
  for (int i = 0; i < kProcesses; ++i) {
    runs.push_back(std::async(std::launch::async, [&] { return migrator.migrate(database.url()); }));
  }
  std::size_t applied = 0;
  for (auto& run : runs)
    applied += run.get().applied.size();
  EXPECT_EQ(applied, migrator.migrations().size());
  EXPECT_EQ(recorded_versions(database).size(), migrator.migrations().size());
}

TEST(Migrator, ReleasesTheMigrationLockWhenDone) {
  TestDatabase database(TestDatabase::Schema::kEmpty);
  auto connection = database.connect();
  Migrator(test::source_sql_directory()).migrate(*connection);
  pqxx::nontransaction read(*connection);
  EXPECT_EQ(
      read.exec("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")[0][0]
          .as<int>(),
      0);
}

}  // namespace
}  // namespace pricefeed::host
