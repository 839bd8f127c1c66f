// older_hosts_safe_reason: the line by which a migration says it may run beside older hosts.
#include "host/db/OlderHostsMarker.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/db/MigrationError.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

TEST(OlderHostsMarker, GivesTheReasonOfTheMarkerLine) {
  EXPECT_EQ(older_hosts_safe_reason("-- 011: hosts.\n-- older-hosts: safe (adds a table)\nCREATE TABLE t ();",
                                    "011_x.sql"),
            "adds a table");
}

TEST(OlderHostsMarker, AMigrationWithoutTheLineIsNotSafe) {
  EXPECT_EQ(older_hosts_safe_reason("-- 012: renames a column.\nALTER TABLE t RENAME a TO b;", "012_x.sql"),
            std::nullopt);
}

TEST(OlderHostsMarker, AMalformedMarkerIsAnErrorNamingTheFile) {
  try {
    older_hosts_safe_reason("-- older-hosts: safe\n", "013_x.sql");
    FAIL() << "no error";
  } catch (const MigrationError& error) {
    EXPECT_THAT(error.what(), HasSubstr("013_x.sql: \"-- older-hosts: safe\" is not a valid marker"));
  }
  EXPECT_THROW(older_hosts_safe_reason("-- older-hosts: unsafe (why)\n", "013_x.sql"), MigrationError);
}

}  // namespace
}  // namespace pricefeed::host
