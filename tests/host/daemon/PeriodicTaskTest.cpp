// run_periodic_task_if_due on a real PostgreSQL: daemon_runs decides, a failed run stays due, and a
// task another host is running is left to it.
#include "host/daemon/PeriodicTask.hpp"

#include <stdexcept>

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
    return run_periodic_task_if_due(task, *connection_, now, stop_);
  }

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

TEST_F(PeriodicTaskTest, AFailedRunStaysDue) {
  const PeriodicTask failing{"sweep", hours{24}, [](pqxx::connection&, const std::atomic<bool>&) {
                               throw std::runtime_error("boom");
                             }};
  EXPECT_THROW(run_at(failing, kNow), std::runtime_error);
  EXPECT_TRUE(run_at(counting_task(), kNow + minutes{15}));
}

TEST_F(PeriodicTaskTest, ATaskAnotherHostIsRunningIsLeftToIt) {
  auto other_host = db_.connect();
  pqxx::nontransaction other(*other_host);
  other.exec("SELECT pg_advisory_lock(hashtext('pricefeed.daemon_runs'), hashtext('sweep'))");

  EXPECT_FALSE(run_at(counting_task(), kNow));
  EXPECT_EQ(runs_, 0);

  other.exec("SELECT pg_advisory_unlock(hashtext('pricefeed.daemon_runs'), hashtext('sweep'))");
  EXPECT_TRUE(run_at(counting_task(), kNow));
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
