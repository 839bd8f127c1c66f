// delete_processed_events_older_than on a real PostgreSQL: only events processed before the retention
// go, oldest first and at most `limit`; unprocessed ones and rows another transaction holds stay.
#include "host/inbox/EventRetention.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

class EventRetentionTest : public ::testing::Test {
 protected:
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

  std::size_t delete_older_than(int days, std::size_t limit = 1000) {
    pqxx::work tx(*connection_);
    const std::size_t deleted = delete_processed_events_older_than(tx, days, limit);
    tx.commit();
    return deleted;
  }

  // The ids left, "a,b".
  std::string event_ids() {
    pqxx::work tx(*connection_);
    return tx
        .exec1("SELECT coalesce(string_agg(event_id, ',' ORDER BY event_id), '') FROM transaction_events")[0]
        .as<std::string>();
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

TEST_F(EventRetentionTest, DeletesOnlyProcessedEventsOlderThanTheRetention) {
  event("old-processed", 91);
  event("recent-processed", 89);
  event("old-unprocessed", 400, false);
  {
    pqxx::work tx(*connection_);
    tx.exec(
        "INSERT INTO transaction_events (event_id, payload, received_at, processed_at, error) "
        "VALUES ('old-refused', '{}', now() - interval '100 days', now() - interval '100 days', 'bad "
        "symbol')");
    tx.commit();
  }

  EXPECT_EQ(delete_older_than(90), 2u);

  EXPECT_EQ(event_ids(), "old-unprocessed,recent-processed");
}

TEST_F(EventRetentionTest, DeletesAtMostTheLimitOldestFirst) {
  event("a", 300);
  event("b", 200);
  event("c", 100);

  EXPECT_EQ(delete_older_than(90, 2), 2u);

  EXPECT_EQ(event_ids(), "c");
}

TEST_F(EventRetentionTest, SkipsAnEventAnotherTransactionHoldsInsteadOfWaiting) {
  event("held", 100);
  event("free", 100);
  auto other = db_.connect();
  pqxx::work holder(*other);
  holder.exec("SELECT 1 FROM transaction_events WHERE event_id = 'held' FOR UPDATE");

  EXPECT_EQ(delete_older_than(90), 1u);
  EXPECT_EQ(event_ids(), "held");
  holder.commit();
  EXPECT_EQ(delete_older_than(90), 1u);
  EXPECT_EQ(event_ids(), "");
}

}  // namespace
}  // namespace pricefeed::host
