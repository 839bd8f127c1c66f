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

TEST_F(EventInboxTest, QuotesAndSqlInIdsAreStoredAsTextNeverRun) {
  // Every statement is parameterised: an id written as SQL is only an odd id.
  const std::string hostile = "u'); DROP TABLE asset_holders; --";
  const EventSubmission submission =
      inbox().submit(buy_event("t'; DELETE FROM transaction_events; --", hostile).dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::accepted) << submission.error;
  EXPECT_EQ(query_value(*connection, "SELECT event_id FROM transaction_events"),
            "t'; DELETE FROM transaction_events; --");
  EXPECT_EQ(query_value(*connection, "SELECT user_id FROM asset_holders"), hostile);
}

TEST_F(EventInboxTest, ReplayedEventIsADuplicateAndChangesNothing) {
  EXPECT_EQ(inbox().submit(buy_event("t-1").dump()).status, EventSubmission::Status::accepted);
  // The same event written differently: spacing, member order, numbers as JSON numbers, 10.0 for 10,
  // a member of the sender's own.
  const std::string same =
      R"({"currency":"USD", "price":187.250, "quantity":10.0, "date":"2026-01-15", "asset_class":"stock",
          "symbol":"AAPL", "type":"buy", "user_id":"u-1", "event_id":"t-1", "sent_by":"retry"})";
  const EventSubmission again = inbox().submit(same);
  EXPECT_EQ(again.status, EventSubmission::Status::duplicate);
  EXPECT_EQ(again.event_id, "t-1");
  EXPECT_EQ(query_value(*connection, "SELECT quantity::text FROM asset_holders"), "10");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "1");
}

TEST_F(EventInboxTest, ReusedEventIdWithOtherContentsIsAConflictNamingTheFieldsAndStoresNothing) {
  EXPECT_EQ(inbox().submit(buy_event("d1", "u-1", "AAPL", "2026-01-15", "1").dump()).status,
            EventSubmission::Status::accepted);
  nlohmann::json other = buy_event("d1", "u-1", "AAPL", "2026-01-15", "99");
  other["price"] = "200";
  const EventSubmission again = inbox().submit(other.dump());
  EXPECT_EQ(again.status, EventSubmission::Status::conflict);
  EXPECT_EQ(again.event_id, "d1");
  EXPECT_EQ(again.differing_fields, (std::vector<std::string>{"quantity", "price"}));
  EXPECT_EQ(
      again.error,
      "event_id d1 was stored before with a different quantity, price; this event was not stored (a new "
      "trade needs a new event_id)");
  EXPECT_EQ(query_value(*connection, "SELECT payload->>'quantity' FROM transaction_events"), "1");
  EXPECT_EQ(query_value(*connection, "SELECT quantity::text FROM asset_holders"), "1");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "1");
}

TEST_F(EventInboxTest, ReusedEventIdOfARowWrittenStraightIntoTheTableIsComparedToo) {
  // Another application stored it with JSON numbers; the same numbers as strings are the same event.
  test::insert_event_row(*connection, "x-1",
                         R"({"user_id":"u-1","type":"buy","symbol":"AAPL","asset_class":"stock",
                             "date":"2026-01-15","quantity":2.50,"price":187.25,"currency":"USD"})");
  EXPECT_EQ(inbox().submit(buy_event("x-1", "u-1", "AAPL", "2026-01-15", "2.5").dump()).status,
            EventSubmission::Status::duplicate);
  const EventSubmission other = inbox().submit(buy_event("x-1", "u-2", "AAPL", "2026-01-15", "2.5").dump());
  EXPECT_EQ(other.status, EventSubmission::Status::conflict);
  EXPECT_EQ(other.differing_fields, std::vector<std::string>{"user_id"});
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

TEST_F(EventInboxTest, SellBeforeItsBuyIsHeldWithItsReasonThenApplied) {
  const EventSubmission submission =
      inbox().submit(test::sell_event("t-1", "u-1", "AAPL", "2026-01-15", "5").dump());
  EXPECT_EQ(submission.status, EventSubmission::Status::held);
  EXPECT_EQ(submission.error,
            "quantity: selling 5 but user u-1 holds no stock AAPL; the sell is held and applied once a buy "
            "makes it "
            "up");
  const auto row = test::read_event_row(*connection, "t-1");
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->processed);
  EXPECT_EQ(row->error, submission.error);

  EXPECT_EQ(inbox().submit(buy_event("t-0", "u-1", "AAPL", "2026-01-14", "5").dump()).status,
            EventSubmission::Status::accepted);
  EXPECT_EQ(query_value(*connection, "SELECT quantity::text FROM asset_holders"), "0");
  const auto applied = test::read_event_row(*connection, "t-1");
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->processed);
  EXPECT_EQ(applied->error, std::nullopt);
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
