// The retention sweep on a real PostgreSQL: old completed jobs and old processed events go, in
// batches; recent ones, failed and open jobs, unprocessed events and jobs a gap still points to stay.
#include "host/daemon/RetentionSweep.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

class RetentionSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    asset_id_ = tx.exec1(
                      "INSERT INTO assets (symbol, asset_class, name, currency) "
                      "VALUES ('AAPL', 'stock', 'Apple', 'USD') RETURNING id")[0]
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

  // An event received and (unless `processed` is false) processed `days_ago` days ago.
  void event(const std::string& event_id, int days_ago, bool processed = true) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO transaction_events (event_id, payload, received_at, processed_at) "
        "VALUES ($1, '{}', now() - make_interval(days => $2::int), "
        "CASE WHEN $3::boolean THEN now() - make_interval(days => $2::int) END)",
        event_id, days_ago, processed);
    tx.commit();
  }

  std::int64_t count(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  RetentionSweepCounts sweep(RetentionSettings settings = {}) {
    return sweep_retention(*connection_, settings, stop_);
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  std::atomic<bool> stop_{false};
  std::int64_t asset_id_ = 0;
};

TEST_F(RetentionSweepTest, DeletesOnlyCompletedJobsOlderThanTheRetention) {
  const auto old_completed = job("completed", 31);
  const auto recent_completed = job("completed", 29, 2);
  const auto old_failed = job("failed", 400, 3);
  const auto old_pending = job("pending", 400, 4);
  const auto old_rate_limited = job("rate_limited", 400, 5);

  const RetentionSweepCounts counts = sweep();

  EXPECT_EQ(counts.completed_jobs_deleted, 1u);
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue WHERE id = " + std::to_string(old_completed)), 0);
  for (const auto kept : {recent_completed, old_failed, old_pending, old_rate_limited})
    EXPECT_EQ(count("SELECT count(*) FROM backfill_queue WHERE id = " + std::to_string(kept)), 1) << kept;
}

TEST_F(RetentionSweepTest, KeepsACompletedJobThatAGapStillNames) {
  const auto named = job("completed", 100);
  {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, status, backfill_job_id) "
        "VALUES ($1, '1d', '2020-01-01', '2020-01-02', 'filled', $2)",
        asset_id_, named);
    tx.commit();
  }
  EXPECT_EQ(sweep().completed_jobs_deleted, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 1);
}

TEST_F(RetentionSweepTest, DeletesOnlyProcessedEventsOlderThanTheRetention) {
  event("old-processed", 91);
  event("recent-processed", 89);
  event("old-unprocessed", 400, false);

  EXPECT_EQ(sweep().events_deleted, 1u);
  pqxx::work tx(*connection_);
  EXPECT_EQ(tx.exec("SELECT event_id FROM transaction_events ORDER BY event_id").size(), 2u);
  EXPECT_EQ(tx.exec("SELECT 1 FROM transaction_events WHERE event_id = 'old-processed'").size(), 0u);
}

TEST_F(RetentionSweepTest, DeletesInBatchesOfTheGivenSize) {
  for (int day = 0; day < 25; ++day)
    job("completed", 60, day);
  {
    pqxx::work tx(*connection_);
    tx.exec(
        "INSERT INTO transaction_events (event_id, payload, processed_at) "
        "SELECT 'e-' || i, '{}', now() - interval '200 days' FROM generate_series(1, 7) i");
    tx.commit();
  }
  const RetentionSweepCounts counts =
      sweep({.completed_jobs_days = 30, .processed_events_days = 90, .batch_size = 10});
  EXPECT_EQ(counts.completed_jobs_deleted, 25u);
  EXPECT_EQ(counts.events_deleted, 7u);
  EXPECT_EQ(counts.batches, 4u);  // 10 + 10 + 5 jobs, then 7 events
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM transaction_events"), 0);
}

TEST_F(RetentionSweepTest, ZeroDaysKeepsEverything) {
  job("completed", 4000);
  event("ancient", 4000);
  const RetentionSweepCounts counts = sweep({.completed_jobs_days = 0, .processed_events_days = 0});
  EXPECT_EQ(counts.completed_jobs_deleted + counts.events_deleted, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue") + count("SELECT count(*) FROM transaction_events"),
            2);
}

TEST_F(RetentionSweepTest, LeavesAJobAnotherTransactionHoldsForTheNextSweep) {
  const auto held = job("completed", 100);
  job("completed", 100, 2);
  auto other = db_.connect();
  pqxx::work holder(*other);
  holder.exec_params("SELECT 1 FROM backfill_queue WHERE id = $1 FOR UPDATE", held);

  EXPECT_EQ(sweep().completed_jobs_deleted, 1u);  // did not wait for the lock
  holder.commit();
  EXPECT_EQ(sweep().completed_jobs_deleted, 1u);
}

TEST_F(RetentionSweepTest, StopsBetweenBatchesWhenAsked) {
  job("completed", 100);
  stop_ = true;
  EXPECT_EQ(sweep().completed_jobs_deleted, 0u);
}

}  // namespace
}  // namespace pricefeed::host
