#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <pqxx/connection>

namespace pricefeed::test {

// The URL of the private test server: $PRICEFEED_TEST_POSTGRES_URL when set, else the URL that
// tests/support/postgres.sh wrote to $PRICEFEED_BINARY_DIR/test-postgres/url (ctest's postgres
// fixture; without PRICEFEED_BINARY_DIR, the build tree this was compiled in). Throws
// std::runtime_error saying how to get one when there is none.
std::string test_postgres_server_url();

// The source tree's sql/ directory, the migrations under test: $PRICEFEED_SOURCE_DIR/sql (set by
// ctest), else the path compiled in.
std::filesystem::path source_sql_directory();

// A fresh database on the test server, private to one test, dropped when it goes out of scope.
// Tests that each own a database never see one another's rows, so they run in parallel
// (ctest -j) and in any order.
//
//   pricefeed::test::TestDatabase db;              // migrated with the real sql/
//   auto connection = db.connect();
//   pricefeed::test::TestDatabase empty{pricefeed::test::TestDatabase::Schema::kEmpty};
class TestDatabase {
 public:
  enum class Schema {
    kEmpty,     // nothing but what CREATE DATABASE gives: for testing the migrator itself
    kMigrated,  // every migration of source_sql_directory() applied
  };

  explicit TestDatabase(Schema schema = Schema::kMigrated);
  // Drops the database, disconnecting whoever is still connected (DROP DATABASE ... WITH (FORCE)).
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // e.g. "pricefeed_test_12345_3_9f2c01"
  const std::string& name() const { return name_; }
  // A libpq connection string for this database: what the code under test is given as DATABASE_URL.
  const std::string& url() const { return url_; }
  // A new connection to this database.
  std::unique_ptr<pqxx::connection> connect() const;

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

// `server_url` with its database name replaced by `database`, in URL or keyword/value form.
std::string with_database_name(const std::string& server_url, const std::string& database);

}  // namespace pricefeed::test
