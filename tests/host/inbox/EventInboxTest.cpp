// EventInbox on a real PostgreSQL: validated first, stored once, then handled.

#include "host/inbox/EventInbox.hpp"

#include <gtest/gtest.h>

#include "host/orchestrator/EventOrchestrator.hpp"
#include "tests/host/events/support/StoredEvents.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::buy_event;
using test::query_value;

class EventInboxTest : public ::testing::Test {
 protected:
  test::TestDatabase db;
  std::unique_ptr<pqxx::connection> connection = db.connect();
  EventOrchestrator orchestrator{EventOrchestratorSettings{}, test::test_today};

  EventInbox inbox(EventInbox::Settings settings = {}) {
    return EventInbox(connection_per_call(db.url()), EventValidator(test::test_today), orchestrator,
                      settings);
  }
};

TEST_F(EventInboxTest, AcceptedEventIsStoredThenHandled) {
  const EventSubmission submission =
      inbox().submit(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "0.10").dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::accepted);
  EXPECT_EQ(submission.event_id, "t-1");

  const auto row = test::read_event_row(*connection, "t-1");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
  EXPECT_EQ(row->error, std::nullopt);
  EXPECT_EQ(query_value(*connection, "SELECT payload->>'quantity' FROM transaction_events"), "0.10");
  EXPECT_EQ(query_value(*connection, "SELECT quantity::text FROM asset_holders"), "0.10");
}

TEST_F(EventInboxTest, ReplayedEventIdIsADuplicateAndChangesNothing) {
  EXPECT_EQ(inbox().submit(buy_event("t-1").dump()).status, EventSubmission::Status::accepted);
  const EventSubmission again = inbox().submit(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "999").dump());
  EXPECT_EQ(again.status, EventSubmission::Status::duplicate);
  EXPECT_EQ(again.event_id, "t-1");
  EXPECT_EQ(query_value(*connection, "SELECT quantity::text FROM asset_holders"), "10");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "1");
}

TEST_F(EventInboxTest, RefusedEventIsNeverStored) {
  nlohmann::json event = buy_event("t-1");
  event["date"] = "2026-02-30";
  const EventSubmission submission = inbox().submit(event.dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::invalid);
  EXPECT_EQ(submission.field, "date");
  EXPECT_EQ(submission.error, "date: 2026-02-30 is not a real date");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "0");
}

TEST_F(EventInboxTest, WithoutImmediateHandlingTheEventWaitsStoredForTheListener) {
  const EventSubmission submission = inbox({.handle_after_storing = false}).submit(buy_event("t-1").dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::accepted);
  const auto row = test::read_event_row(*connection, "t-1");
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->processed);
}

TEST_F(EventInboxTest, RefusedSellIsStoredWithItsErrorNotLost) {
  const EventSubmission submission =
      inbox().submit(test::sell_event("t-1", "u-1", "AAPL", "2026-01-15", "5").dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::accepted);
  const auto row = test::read_event_row(*connection, "t-1");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
  EXPECT_EQ(row->error, "quantity: selling 5 but user u-1 holds no stock AAPL");
}

TEST(EventInboxWithoutDatabase, ThrowsEventStoreUnavailableAndStoresNothing) {
  EventOrchestrator orchestrator{EventOrchestratorSettings{}, test::test_today};
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  EventInbox inbox(connection_per_call("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"),
                   EventValidator(test::test_today), orchestrator);
  try {
    inbox.submit(buy_event("t-1").dump());
    FAIL() << "no exception";
  } catch (const EventStoreUnavailable& error) {
    EXPECT_TRUE(std::string(error.what()).starts_with("the event could not be stored: ")) << error.what();
  }
}

TEST(EventInboxWithoutDatabase, StillRefusesAnInvalidEventWithItsField) {
  EventOrchestrator orchestrator{EventOrchestratorSettings{}, test::test_today};
  EventInbox inbox(connection_per_call("postgresql://postgres@127.0.0.1:1/none"),
                   EventValidator(test::test_today), orchestrator);
  EXPECT_EQ(inbox.submit("not json").status, EventSubmission::Status::invalid);
}

}  // namespace
}  // namespace pricefeed::host
