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
              HasSubstr("cannot connect to PostgreSQL at postgresql://REDACTED@127.0.0.1:1/pricefeed"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Database, ConnectionFailureHidesEverySecretParameterOfEitherForm) {
  const std::string url_form = connection_failure(
      "postgresql://app@127.0.0.1:1/pricefeed?password=hunter2&sslpassword=k3ypass&connect_timeout=5");
  EXPECT_THAT(url_form, HasSubstr("?password=REDACTED&sslpassword=REDACTED&connect_timeout=5"));
  const std::string keyword_form = connection_failure(
      "host=127.0.0.1 port=1 user=app password=hunter2 sslpassword='k3y pass' dbname=pricefeed "
      "connect_timeout=5");
  EXPECT_THAT(keyword_form, HasSubstr("user=app password=REDACTED sslpassword='REDACTED' dbname=pricefeed"));
  for (const std::string& message : {url_form, keyword_form}) {
    EXPECT_THAT(message, Not(HasSubstr("hunter2")));
    EXPECT_THAT(message, Not(HasSubstr("k3y")));
  }
}

TEST(Database, MalformedUrlIsAConnectionError) {
  const std::string message = connection_failure("postgresql://app:hunter2@127.0.0.1:notaport/pricefeed");
  EXPECT_THAT(message, HasSubstr("postgresql://REDACTED@127.0.0.1:notaport/pricefeed"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(Database, RefusesEmptyUrl) {
  EXPECT_THAT(connection_failure(""), HasSubstr("the database URL is empty"));
}

}  // namespace
}  // namespace pricefeed::host
