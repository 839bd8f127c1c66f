// The fixture other database tests stand on: one private database per test, gone afterwards.
#include "tests/support/TestDatabase.hpp"

#include <optional>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace pricefeed::test {
namespace {

bool database_exists(const std::string& name) {
  pqxx::connection server(test_postgres_server_url());
  pqxx::nontransaction read(server);
  return read.exec_params("SELECT count(*) FROM pg_database WHERE datname = $1", name)[0][0].as<int>() == 1;
}

TEST(TestDatabase, EachTestDatabaseIsPrivateAndDroppedAfterwards) {
  std::optional<TestDatabase> first(std::in_place, TestDatabase::Schema::kEmpty);
  TestDatabase second(TestDatabase::Schema::kEmpty);
  EXPECT_NE(first->name(), second.name());

  auto connection = first->connect();
  {
    pqxx::nontransaction write(*connection);
    write.exec("CREATE TABLE only_in_first (id int)");
  }
  auto second_connection = second.connect();
  pqxx::nontransaction read(*second_connection);
  EXPECT_TRUE(read.exec("SELECT to_regclass('only_in_first')")[0][0].is_null());

  const std::string name = first->name();
  ASSERT_TRUE(database_exists(name));
  first.reset();  // drops it although `connection` is still open
  EXPECT_FALSE(database_exists(name));
}

TEST(TestDatabase, MigratedByDefault) {
  TestDatabase database;
  auto connection = database.connect();
  pqxx::nontransaction read(*connection);
  EXPECT_GT(read.exec("SELECT count(*) FROM schema_migrations")[0][0].as<int>(), 0);
}

}  // namespace
}  // namespace pricefeed::test
