// Connection strings are named in errors and logs; their passwords never are.
#include "host/db/DatabaseUrl.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(DatabaseUrl, RedactsPasswordInUserInfo) {
  EXPECT_EQ(redact_database_url("postgresql://app:hunter2@db.internal:5432/pricefeed"),
            "postgresql://app:***@db.internal:5432/pricefeed");
  EXPECT_EQ(redact_database_url("postgres://app:s3cr%40t@db/pricefeed?sslmode=require"),
            "postgres://app:***@db/pricefeed?sslmode=require");
}

TEST(DatabaseUrl, RedactsPasswordQueryParameter) {
  EXPECT_EQ(redact_database_url("postgresql:///pricefeed?host=/run/postgresql&password=hunter2&user=app"),
            "postgresql:///pricefeed?host=/run/postgresql&password=***&user=app");
}

TEST(DatabaseUrl, RedactsKeywordValuePassword) {
  EXPECT_EQ(redact_database_url("host=db user=app password=hunter2 dbname=pricefeed"),
            "host=db user=app password=*** dbname=pricefeed");
  EXPECT_EQ(redact_database_url("host=db password = 'a \\' secret' dbname=pricefeed"),
            "host=db password = *** dbname=pricefeed");
}

TEST(DatabaseUrl, LeavesStringsWithoutPasswordUnchanged) {
  for (const char* url : {"postgresql:///pricefeed", "postgresql://app@db:5432/pricefeed?sslmode=require",
                          "postgresql://db", "host=/run/postgresql dbname=pricefeed", ""}) {
    EXPECT_EQ(redact_database_url(url), url);
  }
}

}  // namespace
}  // namespace pricefeed::host
