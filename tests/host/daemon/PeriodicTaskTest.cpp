// run_periodic_task_if_due on a real PostgreSQL: daemon_runs decides, a failed run stays due, a task
// another live host is running is left to it, a dead host's is taken over, and of hosts that find a
// task due at once exactly one runs it.
#include "host/daemon/PeriodicTask.hpp"

#include <barrier>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

const sys_seconds kNow = sys_days{year{2026} / 11 / 24} + hours{12};

class PeriodicTaskTest : public ::testing::Test {
 protected:
  PeriodicTask counting_task() {
    return {"sweep", hours{24}, [this](pqxx::connection&, const std::atomic<bool>&) { ++runs_; }};
  }

  bool run_at(const PeriodicTask& task, sys_seconds now) {
    return run_periodic_task_if_due(task, *connection_, now, stop_, kThisHost);
  }

  // A row in hosts for `id`, its last heartbeat `silent_for` ago.
  void host_seen(const std::string& id, seconds silent_for) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO hosts (id, host_name, pid, version, roles, last_seen) "
        "VALUES ($1, 'other', 2, '0.1.0', '{daemon}', now() - make_interval(secs => $2))",
        id, static_cast<std::int64_t>(silent_for.count()));
    tx.commit();
  }

  // `id` took the task `held_for` ago and is still running it.
  void task_held_by(const std::string& id, seconds held_for) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO daemon_runs (job, last_run_at, running_by, running_since) "
        "VALUES ('sweep', to_timestamp(0), $1, now() - make_interval(secs => $2))",
        id, static_cast<std::int64_t>(held_for.count()));
    tx.commit();
  }

  std::optional<std::string> running_by() {
    pqxx::work tx(*connection_);
    const auto rows = tx.exec("SELECT running_by FROM daemon_runs WHERE job = 'sweep'");
    if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
    return rows[0][0].as<std::string>();
  }

  const PeriodicTaskHolder kThisHost{"this:1", seconds{60}};

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  std::atomic<bool> stop_{false};
  int runs_ = 0;
};

TEST_F(PeriodicTaskTest, RunsOncePerPeriodAcrossCalls) {
  const PeriodicTask task = counting_task();
  EXPECT_TRUE(run_at(task, kNow));
  EXPECT_FALSE(run_at(task, kNow + hours{23}));
  EXPECT_TRUE(run_at(task, kNow + hours{24}));
  EXPECT_EQ(runs_, 2);

  pqxx::work tx(*connection_);
  EXPECT_EQ(tx.exec1("SELECT extract(epoch FROM last_run_at)::bigint FROM daemon_runs WHERE job = 'sweep'")[0]
                .as<std::int64_t>(),
            (kNow + hours{24}).time_since_epoch().count());
}

TEST_F(PeriodicTaskTest, AFailedRunStaysDueAndDropsItsLease) {
  const PeriodicTask failing{"sweep", hours{24}, [](pqxx::connection&, const std::atomic<bool>&) {
                               throw std::runtime_error("boom");
                             }};
  EXPECT_THROW(run_at(failing, kNow), std::runtime_error);
  EXPECT_EQ(running_by(), std::nullopt);
  EXPECT_TRUE(run_at(counting_task(), kNow + minutes{15}));
}

TEST_F(PeriodicTaskTest, TheTaskIsLeasedToItsHostWhileItRunsAndReleasedAfter) {
  std::optional<std::string> holder_while_running;
  bool other_host_ran = true;
  const PeriodicTask observing{"sweep", hours{24}, [&](pqxx::connection&, const std::atomic<bool>&) {
                                 holder_while_running = running_by();
                                 auto other = db_.connect();
                                 other_host_ran = run_periodic_task_if_due(counting_task(), *other, kNow,
                                                                           stop_, {"other:2", seconds{60}});
                               }};
  EXPECT_TRUE(run_at(observing, kNow));
  EXPECT_EQ(holder_while_running, "this:1");
  EXPECT_FALSE(other_host_ran);
  EXPECT_EQ(runs_, 0);
  EXPECT_EQ(running_by(), std::nullopt);
}

TEST_F(PeriodicTaskTest, ATaskAnotherLiveHostIsRunningIsLeftToIt) {
  host_seen("other:2", seconds{5});
  task_held_by("other:2", minutes{30});

  EXPECT_FALSE(run_at(counting_task(), kNow));
  EXPECT_EQ(runs_, 0);
  EXPECT_EQ(running_by(), "other:2");
}

TEST_F(PeriodicTaskTest, ATaskADeadHostWasRunningIsTakenOver) {
  host_seen("other:2", minutes{5});
  task_held_by("other:2", minutes{30});

  EXPECT_TRUE(run_at(counting_task(), kNow));
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(running_by(), std::nullopt);
}

TEST_F(PeriodicTaskTest, AFreshLeaseIsRespectedBeforeItsHostsFirstHeartbeat) {
  // A host takes a task before its heartbeat row exists only at its very start; the lease's age
  // stands in for the heartbeat until dead_after has passed.
  task_held_by("starting:3", seconds{10});
  EXPECT_FALSE(run_at(counting_task(), kNow));

  pqxx::work tx(*connection_);
  tx.exec("UPDATE daemon_runs SET running_since = now() - interval '2 minutes'");
  tx.commit();
  EXPECT_TRUE(run_at(counting_task(), kNow));
}

TEST_F(PeriodicTaskTest, OfHostsFindingItDueAtOnceExactlyOneRunsIt) {
  constexpr int kHosts = 4;
  std::atomic<int> runs{0};
  std::atomic<int> ran{0};
  std::barrier start(kHosts);
  std::vector<std::jthread> hosts;
  for (int i = 0; i < kHosts; ++i) {
    hosts.emplace_back([&, i] {
      auto connection = db_.connect();
      const PeriodicTask task{"sweep", hours{24}, [&](pqxx::connection&, const std::atomic<bool>&) {
                                ++runs;
                                std::this_thread::sleep_for(milliseconds{50});
                              }};
      start.arrive_and_wait();
      if (run_periodic_task_if_due(task, *connection, kNow, stop_,
                                   {"host:" + std::to_string(i), seconds{60}}))
        ++ran;
    });
  }
  hosts.clear();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(ran, 1);
}

TEST_F(PeriodicTaskTest, TheTaskMayUseTheConnectionForItsOwnTransactions) {
  const PeriodicTask writing{"sweep", hours{24}, [](pqxx::connection& conn, const std::atomic<bool>&) {
                               pqxx::work tx(conn);
                               tx.exec("INSERT INTO daemon_runs (job, last_run_at) VALUES ('marker', now())");
                               tx.commit();
                             }};
  EXPECT_TRUE(run_at(writing, kNow));
  pqxx::work tx(*connection_);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM daemon_runs")[0].as<int>(), 2);
}

}  // namespace
}  // namespace pricefeed::host
