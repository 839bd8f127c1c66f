// read_cluster_hosts on a real PostgreSQL: alive, dead and stopped by the database's clock, and the
// hosts that run another version than the newest one.
#include "host/cluster/ClusterHosts.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/cluster/HostsTable.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

class ClusterHostsTest : public ::testing::Test {
 protected:
  void host(const std::string& id, const std::string& version, std::vector<std::int64_t> jobs = {}) {
    record_heartbeat(*connection_, {id, "box", 7, version, 11, {"serve", "worker", "daemon"}}, jobs);
  }
  void execute(const std::string& statement) {
    pqxx::work tx(*connection_);
    tx.exec(statement);
    tx.commit();
  }
  std::vector<ClusterHost> read() {
    pqxx::read_transaction tx(*connection_);
    return read_cluster_hosts(tx, seconds{60});
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

TEST_F(ClusterHostsTest, TellsAliveDeadAndStoppedHostsApart) {
  host("a:1", "0.2.0", {12, 13});
  host("b:2", "0.2.0");
  host("c:3", "0.2.0");
  execute("UPDATE hosts SET last_seen = now() - interval '90 seconds' WHERE id = 'b:2'");
  record_clean_stop(*connection_, "c:3");

  const std::vector<ClusterHost> hosts = read();
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[0].id, "a:1");
  EXPECT_EQ(hosts[0].state, HostState::alive);
  EXPECT_EQ(hosts[0].jobs, (std::vector<std::int64_t>{12, 13}));
  EXPECT_EQ(hosts[0].roles, (std::vector<std::string>{"serve", "worker", "daemon"}));
  EXPECT_EQ(hosts[0].schema_version, 11);
  EXPECT_EQ(hosts[1].id, "b:2");
  EXPECT_EQ(hosts[1].state, HostState::dead);
  EXPECT_GE(hosts[1].heartbeat_age_seconds, 90);
  EXPECT_EQ(hosts[2].id, "c:3");
  EXPECT_EQ(hosts[2].state, HostState::stopped);

  const nlohmann::json json = cluster_hosts_json(hosts);
  EXPECT_EQ(json["live"], 1);
  EXPECT_EQ(json["hosts"][1]["state"], "dead");
  EXPECT_EQ(json["hosts"][0]["jobs"], nlohmann::json::array({12, 13}));
}

TEST_F(ClusterHostsTest, MarksTheHostsThatRunAnotherVersionThanTheNewest) {
  host("a:1", "0.10.0");
  host("b:2", "0.9.3");
  const std::vector<ClusterHost> hosts = read();
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_FALSE(hosts[0].version_differs);
  EXPECT_TRUE(hosts[1].version_differs);
  EXPECT_EQ(cluster_hosts_json(hosts)["newest_version"], "0.10.0");
}

TEST_F(ClusterHostsTest, AHeartbeatBringsAStoppedRowBackToLife) {
  host("a:1", "0.2.0");
  record_clean_stop(*connection_, "a:1");
  host("a:1", "0.2.0");
  EXPECT_EQ(read().at(0).state, HostState::alive);
}

}  // namespace
}  // namespace pricefeed::host
