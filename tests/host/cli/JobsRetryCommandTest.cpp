// `pricefeed jobs retry` end to end: what it prints, what it changes and what it refuses.
#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/queue/BackfillQueue.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

class JobsRetryCommandTest : public ::testing::Test {
 protected:
  TestDatabase db;
  std::unique_ptr<pqxx::connection> sql = db.connect();
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};
  std::int64_t asset = insert_asset();

  std::int64_t insert_asset() {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0][0]
            .as<std::int64_t>();
    tx.commit();
    return id;
  }

  std::int64_t job(int year, const std::string& status) {
    pqxx::work tx(*sql);
    const auto id = host::BackfillQueue::enqueue(tx, asset, sys_days{std::chrono::year{year} / January / 2},
                                                 sys_days{std::chrono::year{year} / December / 31},
                                                 host::Resolution::day, 5)
                        .id;
    tx.exec_params(
        "UPDATE backfill_queue SET status = $2, attempts = CASE WHEN $2 = 'failed' THEN 5 ELSE 0 END, "
        "error_message = CASE WHEN $2 = 'failed' THEN 'gave up after 5 attempts: yahoo: HTTP 503' END, "
        "locked_by = CASE WHEN $2 = 'in_progress' THEN 'host-a:42' END, "
        "locked_until = CASE WHEN $2 = 'in_progress' THEN now() + interval '5 minutes' END WHERE id = $1",
        id, status);
    tx.commit();
    return id;
  }

  std::string status_of(std::int64_t id) {
    pqxx::work tx(*sql);
    return tx.exec_params1("SELECT status || '/' || attempts FROM backfill_queue WHERE id = $1", id)[0]
        .as<std::string>();
  }
};

TEST_F(JobsRetryCommandTest, FailedJobIsQueuedAgainAndSaysWhatItWas) {
  const auto id = job(2025, "failed");
  auto r = run_pricefeed({"jobs", "retry", std::to_string(id)}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("job " + std::to_string(id) +
                        " (AAPL stock 1d 2025-01-02..2025-12-31) queued again (was failed: gave up after 5 "
                        "attempts: yahoo: HTTP 503)"));
  EXPECT_EQ(status_of(id), "pending/0");
}

TEST_F(JobsRetryCommandTest, CompletedJobIsRefusedNamingItsStatus) {
  const auto id = job(2025, "completed");
  auto r = run_pricefeed({"jobs", "retry", std::to_string(id)}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(
      r.err, HasSubstr("job " + std::to_string(id) + " (AAPL stock 1d 2025-01-02..2025-12-31) is completed"));
  EXPECT_EQ(status_of(id), "completed/0");
}

TEST_F(JobsRetryCommandTest, InProgressJobIsRefusedNamingItsWorker) {
  const auto id = job(2025, "in_progress");
  auto r = run_pricefeed({"jobs", "retry", std::to_string(id)}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is in_progress: host-a:42 holds it until"));
  EXPECT_EQ(status_of(id), "in_progress/0");
}

TEST_F(JobsRetryCommandTest, UnknownIdFailsNamingIt) {
  auto r = run_pricefeed({"jobs", "retry", "987654"}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no job 987654"));
}

TEST_F(JobsRetryCommandTest, IdThatIsNotANumberOrMissingIsAUsageError) {
  EXPECT_EQ(run_pricefeed({"jobs", "retry", "twelve"}, env).exit_code, 2);
  EXPECT_EQ(run_pricefeed({"jobs", "retry"}, env).exit_code, 2);
  EXPECT_EQ(run_pricefeed({"jobs", "retry", "1", "--failed"}, env).exit_code, 2);
}

TEST_F(JobsRetryCommandTest, FailedFlagQueuesEveryFailedJobAgainAndCountsThem) {
  const auto first = job(2023, "failed");
  const auto second = job(2024, "failed");
  const auto done = job(2025, "completed");
  auto r = run_pricefeed({"jobs", "retry", "--failed"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 failed jobs queued again"));
  EXPECT_EQ(status_of(first), "pending/0");
  EXPECT_EQ(status_of(second), "pending/0");
  EXPECT_EQ(status_of(done), "completed/0");

  r = run_pricefeed({"jobs", "retry", "--failed"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 failed jobs queued again"));
}

TEST_F(JobsRetryCommandTest, FailedFlagLeavesAJobWhoseRangeIsQueuedAgainAlready) {
  const auto failed = job(2025, "failed");
  const auto newer = job(2025, "pending");
  auto r = run_pricefeed({"jobs", "retry", "--failed"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("not queued again: job " + std::to_string(newer) +
                               " covers the same range and is pending"));
  EXPECT_THAT(r.out, HasSubstr("0 failed jobs queued again, 1 left as they were"));
  EXPECT_EQ(status_of(failed), "failed/5");
}

}  // namespace
}  // namespace pricefeed::test
