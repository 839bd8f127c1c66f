// EventListener on a real PostgreSQL: rows written straight into transaction_events are handled,
// through NOTIFY while listening and through the sweep for what happened while it was not.

#include "host/inbox/EventListener.hpp"

#include <gtest/gtest.h>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "host/inbox/UnprocessedEventSweep.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "tests/host/events/support/StoredEvents.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using test::buy_event;
using test::query_value;

class EventListenerTest : public ::testing::Test {
 protected:
  test::TestDatabase db;
  std::unique_ptr<pqxx::connection> connection = db.connect();
  EventOrchestrator orchestrator{EventOrchestratorSettings{}, test::test_today};

  // A sweep interval of an hour: within a test, only NOTIFY (or the first sweep) can handle a row.
  EventListener::Settings notify_only{.sweep_interval = 1h, .reconnect = {.first = 100ms, .longest = 1s}};
};

TEST_F(EventListenerTest, RowWrittenStraightIntoTheInboxIsHandled) {
  EventListener listener(db.url(), orchestrator, notify_only);
  listener.start();
  ASSERT_TRUE(listener.wait_until_listening(10s));

  test::insert_event_row(*connection, "direct-1", buy_event("direct-1").dump());
  const auto row = test::wait_until_processed(*connection, "direct-1");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
  EXPECT_EQ(row->error, std::nullopt);
  EXPECT_EQ(query_value(*connection, "SELECT tracking_users FROM tracked_assets"), "1");
  EXPECT_EQ(listener.events_handled(), 1u);
}

TEST_F(EventListenerTest, EventWrittenWhileDownIsHandledBySweep) {
  // Written while no listener runs: their notifications reach no one.
  test::insert_event_row(*connection, "early-1", buy_event("early-1", "u-1").dump());
  test::insert_event_row(*connection, "early-2", buy_event("early-2", "u-2").dump());

  EventListener listener(db.url(), orchestrator, notify_only);
  listener.start();
  ASSERT_TRUE(listener.wait_until_listening(10s));  // the first sweep is done by then
  EXPECT_TRUE(test::read_event_row(*connection, "early-1")->processed);
  EXPECT_TRUE(test::read_event_row(*connection, "early-2")->processed);
  EXPECT_EQ(query_value(*connection, "SELECT tracking_users FROM tracked_assets"), "2");
}

TEST_F(EventListenerTest, InvalidStoredPayloadIsMarkedWithItsError) {
  EventListener listener(db.url(), orchestrator, notify_only);
  listener.start();
  ASSERT_TRUE(listener.wait_until_listening(10s));

  nlohmann::json payload = buy_event("bad-1");
  payload["symbol"] = "BTC/USD";
  test::insert_event_row(*connection, "bad-1", payload.dump());
  const auto row = test::wait_until_processed(*connection, "bad-1");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
  EXPECT_EQ(row->error, "symbol: BTC/USD contains '/', which no symbol may contain");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM assets"), "0");
}

TEST_F(EventListenerTest, PeriodicSweepHandlesAnEventWhoseNotificationWasLost) {
  EventListener listener(db.url(), orchestrator,
                         {.sweep_interval = 300ms, .reconnect = {.first = 100ms, .longest = 1s}});
  listener.start();
  ASSERT_TRUE(listener.wait_until_listening(10s));

  // Triggers do not fire in replica mode: the row arrives without its NOTIFY, as when a notification
  // is lost, so only the periodic sweep can find it.
  {
    pqxx::work tx(*connection);
    tx.exec("SET LOCAL session_replication_role = replica");
    tx.exec_params("INSERT INTO transaction_events (event_id, payload) VALUES ($1, $2::jsonb)", "quiet-1",
                   buy_event("quiet-1").dump());
    tx.commit();
  }
  const auto row = test::wait_until_processed(*connection, "quiet-1", 10s);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
}

TEST_F(EventListenerTest, ReconnectsAndSweepsAfterLosingItsConnection) {
  EventListener listener(db.url(), orchestrator, notify_only);
  listener.start();
  ASSERT_TRUE(listener.wait_until_listening(10s));

  {
    pqxx::nontransaction admin(*connection);
    const pqxx::result killed = admin.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    ASSERT_EQ(killed.size(), 1u);
  }
  // Whether this insert's notification is missed (connection down) or seen (already reconnected),
  // the event is handled: by NOTIFY or by the sweep after the reconnect.
  test::insert_event_row(*connection, "after-1", buy_event("after-1").dump());
  const auto row = test::wait_until_processed(*connection, "after-1", 15s);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->processed);
}

TEST_F(EventListenerTest, KeepsRetryingWhileTheDatabaseIsUnreachable) {
  EventListener listener("postgresql://postgres@127.0.0.1:1/none", orchestrator, notify_only);
  listener.start();
  EXPECT_FALSE(listener.wait_until_listening(300ms));
  listener.stop();  // returns promptly although it never connected
}

TEST_F(EventListenerTest, SweepHandlesEveryUnprocessedRowOnceAndReportsCounts) {
  for (int i = 0; i < 250; ++i) {
    const std::string id = "e-" + std::to_string(i);
    test::insert_event_row(*connection, id, buy_event(id, "u-" + std::to_string(i)).dump());
  }
  nlohmann::json invalid = buy_event("x");
  invalid["date"] = "2026-02-30";
  test::insert_event_row(*connection, "invalid", invalid.dump());

  auto worker = db.connect();
  const SweepCounts counts = sweep_unprocessed_events(*worker, orchestrator, 100);
  EXPECT_EQ(counts.handled, 250u);
  EXPECT_EQ(counts.rejected, 1u);
  EXPECT_EQ(counts.failed, 0u);
  EXPECT_EQ(query_value(*connection, "SELECT tracking_users FROM tracked_assets"), "250");
  EXPECT_EQ(sweep_unprocessed_events(*worker, orchestrator).seen(), 0u);
}

}  // namespace
}  // namespace pricefeed::host
