// TestDatabase points the server's URL at its own database, whatever form the URL has.
#include <gtest/gtest.h>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

TEST(WithDatabaseName, ReplacesThePathOfAUrl) {
  EXPECT_EQ(with_database_name("postgresql://postgres@127.0.0.1:5433/postgres", "t1"),
            "postgresql://postgres@127.0.0.1:5433/t1");
  EXPECT_EQ(with_database_name("postgresql://postgres@127.0.0.1:5433", "t1"),
            "postgresql://postgres@127.0.0.1:5433/t1");
}

TEST(WithDatabaseName, KeepsTheQueryOfAUrl) {
  EXPECT_EQ(with_database_name("postgresql:///postgres?host=/tmp/pg&port=5433", "t1"),
            "postgresql:///t1?host=/tmp/pg&port=5433");
  EXPECT_EQ(with_database_name("postgresql://?host=/tmp/pg", "t1"), "postgresql:///t1?host=/tmp/pg");
}

TEST(WithDatabaseName, AppendsToKeywordValueForm) {
  EXPECT_EQ(with_database_name("host=/tmp/pg port=5433 dbname=postgres", "t1"),
            "host=/tmp/pg port=5433 dbname=postgres dbname=t1");
}

}  // namespace
}  // namespace pricefeed::test
