// A connection that cannot be made says where it tried to go, without the password.
#include "host/db/Database.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string connection_failure(const std::string& url) {
  try {
    open_database_connection(url);
  } catch (const DatabaseConnectionError& error) {
    return error.what();
  }
  ADD_FAILURE() << "connecting to " << url << " did not fail";
  return {};
}

TEST(Database, ConnectionFailureNamesRedactedUrl) {
  // Port 1 on loopback: nothing listens there, so the refusal is immediate.
  const std::string message =
      connection_failure("postgresql://app:hunter2@127.0.0.1:1/pricefeed?connect_timeout=5");
  EXPECT_THAT(message,
              HasSubstr("cannot connect to PostgreSQL at postgresql://app:***@127.0.0.1:1/pricefeed"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Database, MalformedUrlIsAConnectionError) {
  const std::string message = connection_failure("postgresql://app:hunter2@127.0.0.1:notaport/pricefeed");
  EXPECT_THAT(message, HasSubstr("postgresql://app:***@127.0.0.1:notaport/pricefeed"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Database, RefusesEmptyUrl) {
  EXPECT_THAT(connection_failure(""), HasSubstr("the database URL is empty"));
}

}  // namespace
}  // namespace pricefeed::host
