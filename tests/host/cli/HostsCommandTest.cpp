// `pricefeed hosts` end to end: the real binary against a private PostgreSQL whose hosts table holds a
// live host, a dead one of an older version and a stopped one, written as their heartbeats leave them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class HostsCommandTest : public ::testing::Test {
 protected:
  TestDatabase db;
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};

  void SetUp() override {
    auto conn = db.connect();
    pqxx::work tx(*conn);
    tx.exec(
        "INSERT INTO hosts (id, host_name, pid, version, schema_version, roles, jobs, last_seen, stopped_at) "
        "VALUES "
        "('web-1:100', 'web-1', 100, '0.2.0', 11, '{serve,worker,daemon}', '{41,42}', now(), NULL), "
        "('web-2:200', 'web-2', 200, '0.1.0', 11, '{worker}', '{43}', now() - interval '5 minutes', NULL), "
        "('web-3:300', 'web-3', 300, '0.2.0', 11, '{daemon}', '{}', now() - interval '2 minutes', now())");
    tx.commit();
  }
};

TEST_F(HostsCommandTest, TableShowsStateVersionRolesJobsAndHeartbeatAge) {
  const auto r = run_pricefeed({"hosts"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("HEARTBEAT"));
  EXPECT_THAT(
      r.out,
      MatchesRegex("(.|\n)*web-1:100 +alive +0\\.2\\.0 +11 +serve,worker,daemon +2: 41,42 +0s ago(.|\n)*"));
  EXPECT_THAT(r.out, MatchesRegex("(.|\n)*web-2:200 +dead +0\\.1\\.0 \\* +11 +worker +1: 43 +5m ago(.|\n)*"));
  EXPECT_THAT(r.out, MatchesRegex("(.|\n)*web-3:300 +stopped +0\\.2\\.0 +11 +daemon +- (.|\n)*"));
  EXPECT_THAT(r.out, HasSubstr("3 hosts: 1 alive, 1 dead, 1 stopped\n"));
  EXPECT_THAT(r.out, HasSubstr("* runs another version than the newest listed, 0.2.0\n"));
}

TEST_F(HostsCommandTest, JsonListsEveryHostLiveOnesFirst) {
  const auto r = run_pricefeed({"hosts", "--json"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["live"], 1);
  ASSERT_EQ(json["hosts"].size(), 3u);
  EXPECT_EQ(json["hosts"][0]["id"], "web-1:100");
  EXPECT_EQ(json["hosts"][0]["jobs"], nlohmann::json::array({41, 42}));
  EXPECT_EQ(json["hosts"][1]["state"], "dead");
  EXPECT_EQ(json["hosts"][1]["version_differs"], true);
  EXPECT_EQ(json["hosts"][2]["state"], "stopped");
}

TEST_F(HostsCommandTest, AHostIsDeadAfterTheClusterSectionsDeadAfterSeconds) {
  TemporaryDirectory directory;
  const auto config =
      directory.write_file("pricefeed.toml", "[cluster]\ndead_after_seconds = 600\nheartbeat_seconds = 10\n");
  const auto r = run_pricefeed({"--config", config.string(), "hosts", "--json"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["live"], 2);  // web-2, silent for 5 minutes, is alive for 10
  EXPECT_EQ(json["hosts"][1]["id"], "web-2:200");
  EXPECT_EQ(json["hosts"][1]["state"], "alive");
}

}  // namespace
}  // namespace pricefeed::test
