// HostHeartbeat and release_leases_of_dead_hosts with two "hosts" on one real database: a host that
// dies holding a job or a periodic task loses it at the next heartbeat of a live host, and the queue's
// ordinary claim takes the job over at once.
#include "host/cluster/HostHeartbeat.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/cluster/DeadHostLeases.hpp"
#include "host/cluster/HostsTable.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

constexpr milliseconds kLease = minutes{5};
const ClusterConfig kCluster{.dead_after_seconds = 60, .heartbeat_seconds = 10};

HostIdentity identity(const std::string& id) {
  return {id, "box", 1, "0.1.0", 11, {"worker"}};
}

class HostHeartbeatTest : public ::testing::Test {
 protected:
  HostHeartbeatTest() {
    pqxx::work tx(*sql_);
    const std::int64_t asset =
        tx.exec1("INSERT INTO assets (symbol, asset_class) VALUES ('BTC', 'crypto') RETURNING id")[0]
            .as<std::int64_t>();
    job_id_ = BackfillQueue::enqueue(tx, asset, sys_days{2024y / January / 1},
                                     sys_days{2024y / December / 31}, Resolution::day, 5)
                  .id;
    tx.commit();
  }

  // The host stopped heartbeating `silent_for` ago.
  void falls_silent(const std::string& id, seconds silent_for) {
    pqxx::work tx(*sql_);
    tx.exec_params("UPDATE hosts SET last_seen = now() - make_interval(secs => $2) WHERE id = $1", id,
                   static_cast<std::int64_t>(silent_for.count()));
    tx.commit();
  }

  std::string query(const std::string& sql) {
    pqxx::work tx(*sql_);
    const auto value = tx.exec1(sql)[0];
    return value.is_null() ? "NULL" : value.as<std::string>();
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> sql_ = db_.connect();
  ConnectionPool pool_{db_.url(), 2};
  BackfillQueue queue_{pool_};
  std::int64_t job_id_ = 0;
};

TEST_F(HostHeartbeatTest, ALiveHostReleasesTheJobOfADeadOneAndItsClaimTakesItOver) {
  HostHeartbeat first(db_.url(), identity("first:1"), kCluster, [this] { return std::vector{job_id_}; });
  first.start();
  ASSERT_EQ(queue_.claim("first:1", 1, kLease).size(), 1u);
  EXPECT_TRUE(queue_.claim("second:2", 1, kLease).empty());  // leased to a live host

  falls_silent("first:1", seconds{61});  // first dies: SIGKILL leaves its row behind
  HostHeartbeat second(db_.url(), identity("second:2"), kCluster);
  second.start();  // its first beat releases first's lease

  const std::vector<ClaimedJob> taken = queue_.claim("second:2", 1, kLease);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].id, job_id_);
  EXPECT_EQ(query("SELECT attempts FROM backfill_queue"), "1");  // the dead host's attempt counts
  EXPECT_EQ(query("SELECT jobs::text FROM hosts WHERE id = 'first:1'"), "{" + std::to_string(job_id_) + "}");
}

TEST_F(HostHeartbeatTest, AJobOfAHostWithoutAHeartbeatIsLeftToItsLease) {
  // A process older than the hosts table never heartbeats: its lease is not ours to judge.
  ASSERT_EQ(queue_.claim("older:9", 1, kLease).size(), 1u);
  record_heartbeat(*sql_, identity("live:1"), {});
  EXPECT_EQ(release_leases_of_dead_hosts(*sql_, seconds{60}).jobs, 0);
  EXPECT_TRUE(queue_.claim("live:1", 1, kLease).empty());
}

TEST_F(HostHeartbeatTest, ThePeriodicTaskOfADeadHostIsReleased) {
  record_heartbeat(*sql_, identity("dead:1"), {});
  falls_silent("dead:1", seconds{120});
  pqxx::work tx(*sql_);
  tx.exec(
      "INSERT INTO daemon_runs (job, last_run_at, running_by, running_since) "
      "VALUES ('catalog', now(), 'dead:1', now())");
  tx.commit();

  const ReleasedLeases released = release_leases_of_dead_hosts(*sql_, seconds{60});
  EXPECT_EQ(released.tasks, 1);
  EXPECT_EQ(query("SELECT running_by FROM daemon_runs"), "NULL");
}

TEST_F(HostHeartbeatTest, ACleanStopMarksTheRowStoppedAndLetsGoOfItsJobs) {
  {
    HostHeartbeat host(db_.url(), identity("leaving:1"), kCluster);
    host.start();
    ASSERT_EQ(queue_.claim("leaving:1", 1, kLease).size(), 1u);
    EXPECT_EQ(query("SELECT stopped_at IS NULL FROM hosts"), "t");
  }  // stops
  EXPECT_EQ(query("SELECT stopped_at IS NOT NULL FROM hosts"), "t");
  EXPECT_EQ(queue_.claim("other:2", 1, kLease).size(), 1u);
}

TEST_F(HostHeartbeatTest, KeepsBeatingAfterTheDatabaseComesBack) {
  HostHeartbeat host(db_.url(), identity("steady:1"),
                     ClusterConfig{.dead_after_seconds = 3, .heartbeat_seconds = 1});
  host.start();
  // The database kills the heartbeat's connection, as a restart would.
  {
    pqxx::work tx(*sql_);
    tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    tx.exec("UPDATE hosts SET last_seen = now() - interval '1 hour'");
    tx.commit();
  }
  for (int i = 0; i < 50 && query("SELECT pricefeed_host_alive('steady:1', interval '3 seconds')") != "t";
       ++i)
    std::this_thread::sleep_for(milliseconds{100});
  EXPECT_EQ(query("SELECT pricefeed_host_alive('steady:1', interval '3 seconds')"), "t");
}

TEST_F(HostHeartbeatTest, StartingWithoutADatabaseDoesNotThrow) {
  HostHeartbeat host("postgresql://127.0.0.1:1/nothing", identity("alone:1"), kCluster);
  EXPECT_NO_THROW(host.start());
  EXPECT_NO_THROW(host.stop());
}

}  // namespace
}  // namespace pricefeed::host
