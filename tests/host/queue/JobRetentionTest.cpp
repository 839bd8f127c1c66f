// BackfillQueue::delete_completed_jobs_older_than on a real PostgreSQL: only completed jobs past the
// retention go, oldest first and at most `limit`; failed and open jobs, jobs a gap or a split still
// names, and rows another transaction holds stay.
#include <cstdint>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "host/queue/BackfillQueue.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

class JobRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    asset_id_ = tx.exec1("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0]
                    .as<std::int64_t>();
    tx.commit();
  }

  // A job in `status`, last touched `days_ago` days ago (completed then, when completed).
  std::int64_t job(const std::string& status, int days_ago, int start_day = 1) {
    pqxx::work tx(*connection_);
    const auto id =
        tx.exec_params1(
              "INSERT INTO backfill_queue (asset_id, start_date, end_date, status, updated_at, completed_at) "
              "VALUES ($1, date '2020-01-01' + $2::int, date '2020-01-01' + $2::int, $3::text, "
              "now() - make_interval(days => $4::int), "
              "CASE WHEN $3::text = 'completed' THEN now() - make_interval(days => $4::int) END) RETURNING "
              "id",
              asset_id_, start_day, status, days_ago)[0]
            .as<std::int64_t>();
    tx.commit();
    return id;
  }

  std::size_t delete_older_than(int days, std::size_t limit = 1000) {
    pqxx::work tx(*connection_);
    const std::size_t deleted = BackfillQueue::delete_completed_jobs_older_than(tx, days, limit);
    tx.commit();
    return deleted;
  }

  bool exists(std::int64_t job_id) {
    pqxx::work tx(*connection_);
    return !tx.exec_params("SELECT 1 FROM backfill_queue WHERE id = $1", job_id).empty();
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  std::int64_t asset_id_ = 0;
};

TEST_F(JobRetentionTest, DeletesOnlyCompletedJobsOlderThanTheRetention) {
  const auto old_completed = job("completed", 31);
  const auto recent_completed = job("completed", 29, 2);
  const auto old_failed = job("failed", 400, 3);
  const auto old_pending = job("pending", 400, 4);
  const auto old_rate_limited = job("rate_limited", 400, 5);
  const auto old_in_progress = job("in_progress", 400, 6);

  EXPECT_EQ(delete_older_than(30), 1u);

  EXPECT_FALSE(exists(old_completed));
  for (const auto kept : {recent_completed, old_failed, old_pending, old_rate_limited, old_in_progress})
    EXPECT_TRUE(exists(kept)) << kept;
}

TEST_F(JobRetentionTest, KeepsCompletedJobsThatAGapOrASplitStillNames) {
  const auto gap_job = job("completed", 100);
  const auto split_job = job("completed", 100, 2);
  const auto unnamed = job("completed", 100, 3);
  {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, status, backfill_job_id) "
        "VALUES ($1, '1d', '2020-01-01', '2020-01-02', 'filled', $2)",
        asset_id_, gap_job);
    tx.exec_params(
        "INSERT INTO asset_splits (asset_id, split_date, numerator, denominator, source, refetch_job_id) "
        "VALUES ($1, '2020-06-01', 4, 1, 'yahoo', $2)",
        asset_id_, split_job);
    tx.commit();
  }

  EXPECT_EQ(delete_older_than(30), 1u);

  EXPECT_TRUE(exists(gap_job));
  EXPECT_TRUE(exists(split_job));
  EXPECT_FALSE(exists(unnamed));
}

TEST_F(JobRetentionTest, DeletesAtMostTheLimitOldestFirst) {
  const auto oldest = job("completed", 90);
  const auto middle = job("completed", 60, 2);
  const auto newest = job("completed", 40, 3);

  EXPECT_EQ(delete_older_than(30, 2), 2u);

  EXPECT_FALSE(exists(oldest));
  EXPECT_FALSE(exists(middle));
  EXPECT_TRUE(exists(newest));
}

TEST_F(JobRetentionTest, SkipsAJobAnotherTransactionHoldsInsteadOfWaiting) {
  const auto held = job("completed", 100);
  const auto free = job("completed", 100, 2);
  auto other = db_.connect();
  pqxx::work holder(*other);
  holder.exec_params("SELECT 1 FROM backfill_queue WHERE id = $1 FOR UPDATE", held);

  EXPECT_EQ(delete_older_than(30), 1u);
  EXPECT_FALSE(exists(free));
  holder.commit();
  EXPECT_EQ(delete_older_than(30), 1u);
  EXPECT_FALSE(exists(held));
}

}  // namespace
}  // namespace pricefeed::host
