#include "host/health/DatabaseProbe.hpp"

#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using ::testing::StartsWith;

TEST(DatabaseProbe, DescribesAMultiLineLibpqMessageOnOneLine) {
  const std::runtime_error error(
      "connection to server failed: Connection refused\n\tIs the server running?\n");
  EXPECT_EQ(describe_database_error(error),
            "connection to server failed: Connection refused Is the server running?");
}

TEST(DatabaseProbe, AddsNestedMessagesOnceEach) {
  try {
    try {
      throw std::runtime_error("cannot connect");
    } catch (...) {
      std::throw_with_nested(std::runtime_error("reading statistics: cannot connect"));
    }
  } catch (const std::exception& error) {
    EXPECT_EQ(describe_database_error(error), "reading statistics: cannot connect");
  }
}

TEST(DatabaseProbe, NamesTheConnectFailureOfAnUnreachableServer) {
  ConnectionPool pool("postgresql://postgres@127.0.0.1:1/pricefeed", 1, 200ms);
  const auto reason = database_unreachable_reason(pool);
  ASSERT_TRUE(reason.has_value());
  EXPECT_THAT(*reason,
              StartsWith("cannot connect to PostgreSQL at postgresql://REDACTED@127.0.0.1:1/pricefeed"));
}

}  // namespace
}  // namespace pricefeed::host
