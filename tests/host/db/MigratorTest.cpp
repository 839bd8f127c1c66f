// The migrator against a real PostgreSQL: idempotence, refusal of a newer schema, atomic failure,
// concurrent runs, and the guard against live hosts older than a migration. Each test has its own database
// (TestDatabase).
#include "host/db/Migrator.hpp"

#include <fstream>
#include <future>
#include <sstream>
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

// The real migrations plus one more, 900_next.sql, with `sql` as its text; a database migrated with the
// real ones where `host` heartbeats as a host that knows schema `host_schema`, `silent_for` ago.
class MigrationGuard : public ::testing::Test {
 protected:
  void next_migration(const std::string& sql) {
    for (const auto& entry : std::filesystem::directory_iterator(test::source_sql_directory())) {
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      directory_.write_file(entry.path().filename(), text.str());
    }
    directory_.write_file("900_next.sql", sql);
  }
  void host_seen(const std::string& id, std::optional<int> host_schema, int silent_for_seconds = 0) {
    auto connection = database_.connect();
    pqxx::work tx(*connection);
    tx.exec_params(
        "INSERT INTO hosts (id, host_name, pid, version, schema_version, roles, last_seen) "
        "VALUES ($1, 'vm', 1, '0.1.0', $2, '{serve}', now() - make_interval(secs => $3))",
        id, host_schema, silent_for_seconds);
    tx.commit();
  }
  Migrator migrator() const { return Migrator(directory_.path(), std::chrono::seconds(60)); }

  TestDatabase database_;
  test::TemporaryDirectory directory_;
};

TEST_F(MigrationGuard, RefusesAMigrationNewerThanALiveHostAndNamesTheHost) {
  next_migration("CREATE TABLE next_table (id int);");
  host_seen("vm:12", 11);
  host_seen("vm:13", std::nullopt);
  const std::string error = migration_failure(migrator(), database_);
  EXPECT_THAT(error, HasSubstr("900_next.sql refuses to run while hosts that do not know it are alive"));
  EXPECT_THAT(error,
              HasSubstr("vm:12 (version 0.1.0, knows schema 11), vm:13 (version 0.1.0, knows schema ?)"));
  EXPECT_FALSE(table_exists(database_, "next_table"));
}

TEST_F(MigrationGuard, AppliesAMigrationMarkedSafeAndSaysWhy) {
  next_migration(
      "-- 900: a table.\n-- older-hosts: safe (adds a table older hosts do not read)\n"
      "CREATE TABLE next_table (id int);");
  host_seen("vm:12", 11);
  const MigrationReport report = migrator().migrate(database_.url());
  EXPECT_TRUE(table_exists(database_, "next_table"));
  EXPECT_THAT(
      report.older_hosts_notes,
      ElementsAre("900_next.sql: runs beside older hosts vm:12 (version 0.1.0, knows schema 11); safe: "
                  "adds a table older hosts do not read"));
}

TEST_F(MigrationGuard, DeadStoppedAndUpToDateHostsDoNotHoldItBack) {
  next_migration("CREATE TABLE next_table (id int);");
  host_seen("dead:1", 11, 61);
  host_seen("stopped:2", 11);
  host_seen("new:3", 900);
  {
    auto connection = database_.connect();
    pqxx::work tx(*connection);
    tx.exec("UPDATE hosts SET stopped_at = now() WHERE id = 'stopped:2'");
    tx.commit();
  }
  EXPECT_TRUE(migrator().migrate(database_.url()).older_hosts_notes.empty());
  EXPECT_TRUE(table_exists(database_, "next_table"));
}

TEST(Migrator, TheClusterMigrationsAreMarkedSafeForOlderHosts) {
  // 010 to 012 (shared rate limits, hosts, quote claims) only add what older hosts never read, and say
  // so: a rolling upgrade to them need not stop every host first (docs/cluster.md, "Upgrading hosts
  // one by one"). A later migration that older hosts cannot run beside leaves the marker out.
  const Migrator migrator(test::source_sql_directory());
  for (const MigrationFile& migration : migrator.migrations()) {
    if (migration.version < 10 || migration.version > 12) continue;
    std::ifstream in(migration.path);
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_THAT(text.str(), HasSubstr("\n-- older-hosts: safe (")) << migration.file_name();
  }
}

}  // namespace
}  // namespace pricefeed::host
