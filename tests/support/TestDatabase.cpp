#include "tests/support/TestDatabase.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <pqxx/pqxx>

#include "host/db/Database.hpp"
#include "host/db/Migrator.hpp"

#if !defined(PRICEFEED_SOURCE_SQL_DIR) || !defined(PRICEFEED_TEST_POSTGRES_URL_FILE)
#error \
    "PRICEFEED_SOURCE_SQL_DIR and PRICEFEED_TEST_POSTGRES_URL_FILE must be defined by tests/support/CMakeLists.txt"
#endif

namespace pricefeed::test {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string trimmed(std::string text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.back()))
    text.pop_back();
  std::size_t first = 0;
  while (first < text.size() && is_space(text[first]))
    ++first;
  return text.substr(first);
}

// Unique across the processes ctest -j runs at once (pid), the databases of one process (counter),
// and a leftover of an earlier run whose pid was reused (random suffix). Lowercase, so it needs no quoting.
std::string unique_database_name() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  std::ostringstream name;
  name << "pricefeed_test_" << ::getpid() << '_' << counter.fetch_add(1) << '_' << std::hex
       << (random() & 0xffffffu);
  return name.str();
}

bool is_url_form(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

void drop_database(const std::string& server_url, const std::string& name) {
  auto server = host::open_database_connection(server_url);
  pqxx::nontransaction drop(*server, "drop test database");
  drop.exec("DROP DATABASE IF EXISTS " + server->quote_name(name) + " WITH (FORCE)");
}

}  // namespace

std::string test_postgres_server_url() {
  if (std::string url = trimmed(environment("PRICEFEED_TEST_POSTGRES_URL")); !url.empty()) return url;

  // ctest sets PRICEFEED_BINARY_DIR; a test binary run by hand falls back to its own build tree.
  const std::string binary_dir = environment("PRICEFEED_BINARY_DIR");
  const std::filesystem::path url_file = binary_dir.empty()
                                             ? std::filesystem::path(PRICEFEED_TEST_POSTGRES_URL_FILE)
                                             : std::filesystem::path(binary_dir) / "test-postgres" / "url";
  std::ifstream in(url_file);
  std::string url;
  if (in) std::getline(in, url);
  if (!trimmed(url).empty()) return trimmed(url);
  throw std::runtime_error(
      "no test PostgreSQL: " + url_file.string() +
      " is missing or empty and PRICEFEED_TEST_POSTGRES_URL is not set; run the tests through "
      "ctest (its postgres_start fixture starts the server), or run tests/support/postgres.sh "
      "start DIR and set PRICEFEED_TEST_POSTGRES_URL=$(cat DIR/url)");
}

std::filesystem::path source_sql_directory() {
  if (const std::string source_dir = environment("PRICEFEED_SOURCE_DIR"); !source_dir.empty()) {
    return std::filesystem::path(source_dir) / "sql";
  }
  return PRICEFEED_SOURCE_SQL_DIR;
}

std::string with_database_name(const std::string& server_url, const std::string& database) {
  if (!is_url_form(server_url)) {
    // Keyword/value form: libpq takes the last of repeated keywords.
    return server_url + " dbname=" + database;
  }
  const std::size_t authority_begin = server_url.find("://") + 3;
  const std::size_t path_begin = server_url.find_first_of("/?", authority_begin);
  if (path_begin == std::string::npos) return server_url + "/" + database;
  const std::size_t query_begin = server_url.find('?', path_begin);
  const std::string query = query_begin == std::string::npos ? std::string() : server_url.substr(query_begin);
  return server_url.substr(0, path_begin) + "/" + database + query;
}

TestDatabase::TestDatabase(Schema schema)
    : server_url_(test_postgres_server_url()),
      name_(unique_database_name()),
      url_(with_database_name(server_url_, name_)) {
  {
    auto server = host::open_database_connection(server_url_);
    // CREATE DATABASE cannot run inside a transaction block.
    pqxx::nontransaction create(*server, "create test database");
    create.exec("CREATE DATABASE " + server->quote_name(name_) + " TEMPLATE template0 ENCODING 'UTF8'");
  }
  if (schema == Schema::kMigrated) {
    try {
      host::Migrator(source_sql_directory()).migrate(url_);
    } catch (...) {
      // The destructor does not run for a constructor that throws; drop what was created.
      drop_database(server_url_, name_);
      throw;
    }
  }
}

TestDatabase::~TestDatabase() {
  try {
    drop_database(server_url_, name_);
  } catch (const std::exception& error) {
    // A destructor must not throw; a leftover database is harmless (the server is thrown away).
    std::cerr << "TestDatabase: could not drop " << name_ << ": " << error.what() << '\n';
  }
}

std::unique_ptr<pqxx::connection> TestDatabase::connect() const {
  return host::open_database_connection(url_);
}

}  // namespace pricefeed::test
