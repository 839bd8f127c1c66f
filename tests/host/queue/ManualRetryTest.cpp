// BackfillQueue::retry and retry_failed (`pricefeed jobs retry`) on a real PostgreSQL: what a retried
// job looks like, that a worker takes it at once, and every refusal leaving the row untouched.
#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/db/ConnectionPool.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using test::TestDatabase;

constexpr milliseconds kLease = minutes{5};

class ManualRetryTest : public ::testing::Test {
 protected:
  TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  ConnectionPool pool{database.url(), 4};
  BackfillQueue queue{pool};
  std::int64_t asset_id = insert_asset();

  std::int64_t insert_asset() {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0][0]
            .as<std::int64_t>();
    tx.commit();
    return id;
  }

  std::int64_t enqueue(sys_days start = sys_days{2025y / January / 2},
                       sys_days end = sys_days{2025y / December / 31}) {
    pqxx::work tx(*sql);
    const EnqueuedJob job = BackfillQueue::enqueue(tx, asset_id, start, end, Resolution::day, 5);
    tx.commit();
    return job.id;
  }

  void execute(const std::string& statement, std::int64_t job_id) {
    pqxx::work tx(*sql);
    tx.exec_params(statement, job_id);
    tx.commit();
  }

  // What the worker leaves behind when it gives up after trying every source.
  void fail_after_everything(std::int64_t job_id) {
    execute(
        "UPDATE backfill_queue SET status = 'failed', attempts = 5, timeouts = 3, source = 'yahoo', "
        "locked_by = 'host:1', "
        "error_message = 'gave up after 5 attempts: yahoo: HTTP 503', "
        "exhausted_sources = '[{\"source\": \"stooq\", \"reason\": \"not_found\"}]' WHERE id = $1",
        job_id);
  }

  ManualRetry retry(std::int64_t job_id) {
    pqxx::work tx(*sql);
    ManualRetry outcome = BackfillQueue::retry(tx, job_id);
    tx.commit();
    return outcome;
  }

  pqxx::row stored(std::int64_t job_id) {
    pqxx::work tx(*sql);
    return tx.exec_params1(
        "SELECT status, attempts, retry_after IS NULL, exhausted_sources::text, error_message, locked_by, "
        "source, "
        "updated_at::text FROM backfill_queue WHERE id = $1",
        job_id);
  }
};

TEST_F(ManualRetryTest, FailedJobIsDueNowWithAFullBudgetAndEverySourceKeepingItsLastError) {
  const std::int64_t id = enqueue();
  fail_after_everything(id);

  const ManualRetry outcome = retry(id);
  ASSERT_EQ(outcome.result, ManualRetry::Result::queued_again);
  ASSERT_TRUE(outcome.job);
  EXPECT_EQ(outcome.job->status, JobStatus::failed);  // as it was before
  EXPECT_EQ(outcome.job->attempts, 5);
  EXPECT_EQ(outcome.job->describe(), "AAPL stock 1d 2025-01-02..2025-12-31");

  const pqxx::row row = stored(id);
  EXPECT_EQ(row[0].as<std::string>(), "pending");
  EXPECT_EQ(row[1].as<int>(), 0);
  EXPECT_TRUE(row[2].as<bool>());
  EXPECT_EQ(row[3].as<std::string>(), "[]");
  EXPECT_EQ(row[4].as<std::string>(), "gave up after 5 attempts: yahoo: HTTP 503");
  EXPECT_TRUE(row[5].is_null());
  EXPECT_EQ(row[6].as<std::string>(), "yahoo");

  const auto claimed = queue.claim("host:2", 10, kLease);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, id);
  EXPECT_EQ(claimed[0].attempts, 0);
  EXPECT_EQ(claimed[0].timeouts, 0) << "requests start again at the source's first timeout";
  EXPECT_TRUE(claimed[0].exhausted_sources.empty());
}

TEST_F(ManualRetryTest, RateLimitedJobWaitingForItsRetryAfterIsDueNow) {
  const std::int64_t id = enqueue();
  execute(
      "UPDATE backfill_queue SET status = 'rate_limited', attempts = 2, retry_after = now() + interval '2 "
      "hours' "
      "WHERE id = $1",
      id);
  ASSERT_TRUE(queue.claim("host:1", 10, kLease).empty());

  EXPECT_EQ(retry(id).result, ManualRetry::Result::queued_again);

  const auto claimed = queue.claim("host:1", 10, kLease);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, id);
}

TEST_F(ManualRetryTest, CompletedJobIsRefusedAndLeftAsItWas) {
  const std::int64_t id = enqueue();
  execute(
      "UPDATE backfill_queue SET status = 'completed', completed_at = now(), source = 'yahoo' WHERE id = $1",
      id);
  const std::string before = stored(id)[7].as<std::string>();

  const ManualRetry outcome = retry(id);
  EXPECT_EQ(outcome.result, ManualRetry::Result::refused);
  ASSERT_TRUE(outcome.job);
  EXPECT_EQ(outcome.job->status, JobStatus::completed);
  EXPECT_EQ(stored(id)[0].as<std::string>(), "completed");
  EXPECT_EQ(stored(id)[7].as<std::string>(), before);
}

TEST_F(ManualRetryTest, InProgressJobIsRefusedSoItsWorkerKeepsTheLease) {
  const std::int64_t id = enqueue();
  ASSERT_EQ(queue.claim("host:1", 10, kLease).size(), 1u);

  const ManualRetry outcome = retry(id);
  EXPECT_EQ(outcome.result, ManualRetry::Result::refused);
  EXPECT_EQ(outcome.job->status, JobStatus::in_progress);
  EXPECT_EQ(outcome.job->locked_by, "host:1");
  EXPECT_EQ(stored(id)[0].as<std::string>(), "in_progress");
  EXPECT_EQ(stored(id)[5].as<std::string>(), "host:1");
}

TEST_F(ManualRetryTest, UnknownIdIsNotFound) {
  const ManualRetry outcome = retry(4242);
  EXPECT_EQ(outcome.result, ManualRetry::Result::not_found);
  EXPECT_FALSE(outcome.job);
}

TEST_F(ManualRetryTest, FailedJobIsNotReopenedWhileAnotherOpenJobCoversItsRange) {
  const std::int64_t failed = enqueue();
  fail_after_everything(failed);
  const std::int64_t newer = enqueue();  // a failed job is not open: the same range is queued anew
  ASSERT_NE(newer, failed);

  const ManualRetry outcome = retry(failed);
  EXPECT_EQ(outcome.result, ManualRetry::Result::covered_by_open_job);
  EXPECT_EQ(outcome.open_job_id, newer);
  EXPECT_EQ(outcome.open_job_status, JobStatus::pending);
  EXPECT_EQ(stored(failed)[0].as<std::string>(), "failed");
}

TEST_F(ManualRetryTest, EnqueueAfterARetryFindsTheReopenedJob) {
  const std::int64_t id = enqueue();
  fail_after_everything(id);
  ASSERT_EQ(retry(id).result, ManualRetry::Result::queued_again);
  EXPECT_EQ(enqueue(), id);
}

TEST_F(ManualRetryTest, RetryFailedReopensEveryFailedJobAndNothingElse) {
  const std::int64_t first = enqueue(sys_days{2024y / January / 1}, sys_days{2024y / June / 30});
  const std::int64_t second = enqueue(sys_days{2024y / July / 1}, sys_days{2024y / December / 31});
  const std::int64_t done = enqueue(sys_days{2023y / January / 1}, sys_days{2023y / December / 31});
  const std::int64_t waiting = enqueue(sys_days{2022y / January / 1}, sys_days{2022y / December / 31});
  fail_after_everything(first);
  fail_after_everything(second);
  execute("UPDATE backfill_queue SET status = 'completed' WHERE id = $1", done);
  execute(
      "UPDATE backfill_queue SET status = 'rate_limited', retry_after = now() + interval '1 hour' WHERE id = "
      "$1",
      waiting);

  pqxx::work tx(*sql);
  const std::vector<ManualRetry> outcomes = BackfillQueue::retry_failed(tx);
  tx.commit();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].job->id, first);
  EXPECT_EQ(outcomes[1].job->id, second);
  for (const ManualRetry& outcome : outcomes)
    EXPECT_EQ(outcome.result, ManualRetry::Result::queued_again);
  EXPECT_EQ(stored(first)[0].as<std::string>(), "pending");
  EXPECT_EQ(stored(second)[0].as<std::string>(), "pending");
  EXPECT_EQ(stored(done)[0].as<std::string>(), "completed");
  EXPECT_EQ(stored(waiting)[0].as<std::string>(), "rate_limited");
}

TEST_F(ManualRetryTest, RetryFailedWithNoFailedJobDoesNothing) {
  enqueue();
  pqxx::work tx(*sql);
  EXPECT_TRUE(BackfillQueue::retry_failed(tx).empty());
}

}  // namespace
}  // namespace pricefeed::host
