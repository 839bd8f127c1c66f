// The retention sweep on a real PostgreSQL: each table's old rows go in batches of the given size,
// each its own transaction, until none is left, the sweep is stopped, or the table is kept forever.
// Which rows may go is the owners' rule, pinned where it lives: JobRetentionTest (host/queue) and
// EventRetentionTest (host/inbox).
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

  // `jobs` completed backfill jobs and `events` processed events, all `days_ago` days old.
  void old_rows(int jobs, int events, int days_ago) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO backfill_queue (asset_id, start_date, end_date, status, completed_at) "
        "SELECT $1, date '2020-01-01' + i, date '2020-01-01' + i, 'completed', "
        "now() - make_interval(days => $3) FROM generate_series(1, $2) i",
        asset_id_, jobs, days_ago);
    tx.exec_params(
        "INSERT INTO transaction_events (event_id, payload, processed_at) "
        "SELECT 'e-' || i, '{}', now() - make_interval(days => $2) FROM generate_series(1, $1) i",
        events, days_ago);
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

TEST_F(RetentionSweepTest, DeletesEachTablesOldRowsPastItsOwnRetention) {
  old_rows(2, 3, 60);

  const RetentionSweepCounts counts = sweep({.completed_jobs_days = 30, .processed_events_days = 90});

  EXPECT_EQ(counts.completed_jobs_deleted, 2u);
  EXPECT_EQ(counts.events_deleted, 0u);  // 60 days are within the events' 90
  EXPECT_EQ(count("SELECT count(*) FROM transaction_events"), 3);
}

TEST_F(RetentionSweepTest, DeletesInBatchesOfTheGivenSize) {
  old_rows(25, 7, 200);
  const RetentionSweepCounts counts =
      sweep({.completed_jobs_days = 30, .processed_events_days = 90, .batch_size = 10});
  EXPECT_EQ(counts.completed_jobs_deleted, 25u);
  EXPECT_EQ(counts.events_deleted, 7u);
  EXPECT_EQ(counts.batches, 4u);  // 10 + 10 + 5 jobs, then 7 events
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM transaction_events"), 0);
}

TEST_F(RetentionSweepTest, ZeroDaysKeepsEverything) {
  old_rows(1, 1, 4000);
  const RetentionSweepCounts counts = sweep({.completed_jobs_days = 0, .processed_events_days = 0});
  EXPECT_EQ(counts.completed_jobs_deleted + counts.events_deleted, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue") + count("SELECT count(*) FROM transaction_events"),
            2);
}

TEST_F(RetentionSweepTest, StopsBetweenBatchesWhenAsked) {
  old_rows(1, 1, 100);
  stop_ = true;
  const RetentionSweepCounts counts = sweep();
  EXPECT_EQ(counts.completed_jobs_deleted + counts.events_deleted, 0u);
}

}  // namespace
}  // namespace pricefeed::host
