// EventOrchestrator on a real PostgreSQL, one test per rule of docs/events.md "The orchestrator's rules".
// Today is 2026-03-02 (test_today); lookback is 365 days.

#include "host/orchestrator/EventOrchestrator.hpp"

#include <gtest/gtest.h>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "tests/host/events/support/StoredEvents.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using test::buy_event;
using test::query_value;
using test::sell_event;
using Result = EventHandlingOutcome::Result;

class EventOrchestratorTest : public ::testing::Test {
 protected:
  test::TestDatabase db;
  std::unique_ptr<pqxx::connection> connection = db.connect();
  EventOrchestrator orchestrator{EventOrchestratorSettings{}, test::test_today};

  // Stores the event as another application would, then handles it.
  EventHandlingOutcome store_and_handle(const nlohmann::json& event) {
    const std::string event_id = event["event_id"];
    test::insert_event_row(*connection, event_id, event.dump());
    return orchestrator.handle(*connection, event_id);
  }

  std::string value(const std::string& sql) { return query_value(*connection, sql); }

  // "start..end resolution status" of every job, in id order.
  std::vector<std::string> jobs() {
    pqxx::nontransaction query(*connection);
    std::vector<std::string> lines;
    for (const auto& row : query.exec("SELECT start_date || '..' || end_date || ' ' || resolution || ' ' || "
                                      "status FROM backfill_queue "
                                      "ORDER BY id")) {
      lines.push_back(row[0].as<std::string>());
    }
    return lines;
  }
};

TEST_F(EventOrchestratorTest, FirstBuyOfANewAssetQueuesAYearBeforeThePurchase) {
  const EventHandlingOutcome outcome =
      store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "10.5"));
  EXPECT_EQ(outcome.result, Result::handled);
  EXPECT_TRUE(outcome.became_holder);

  EXPECT_EQ(value("SELECT asset_class || ' ' || symbol || ' ' || active FROM assets"), "stock AAPL true");
  EXPECT_EQ(value("SELECT tracking_users || ' ' || history_from FROM tracked_assets"), "1 2025-01-15");
  EXPECT_EQ(value("SELECT user_id || ' ' || quantity || ' ' || first_buy_date FROM asset_holders"),
            "u-1 10.5 2026-01-15");
  EXPECT_EQ(jobs(), (std::vector<std::string>{"2025-01-15..2026-03-02 1d pending"}));
  EXPECT_EQ(value("SELECT max_attempts FROM backfill_queue"), "5");
  EXPECT_EQ(value("SELECT (processed_at IS NOT NULL) || ' ' || coalesce(error, '-') FROM transaction_events"),
            "true -");
}

TEST_F(EventOrchestratorTest, SecondBuyBySameUserAddsNoTrackingUser) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "0.1"));
  const EventHandlingOutcome second = store_and_handle(buy_event("t-2", "u-1", "AAPL", "2026-02-01", "0.2"));
  EXPECT_EQ(second.result, Result::handled);
  EXPECT_FALSE(second.became_holder);
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "1");
  // numeric, exactly: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
  EXPECT_EQ(value("SELECT quantity FROM asset_holders"), "0.3");
  EXPECT_EQ(value("SELECT first_buy_date FROM asset_holders"), "2026-01-15");

  store_and_handle(buy_event("t-3", "u-2", "AAPL", "2026-02-01", "1"));
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "2");
  EXPECT_EQ(jobs().size(), 1u);
}

TEST_F(EventOrchestratorTest, SellThatEmptiesAHoldingSubtractsOneTrackingUser) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "10"));
  store_and_handle(buy_event("t-2", "u-2", "AAPL", "2026-01-15", "5"));

  const EventHandlingOutcome partial = store_and_handle(sell_event("t-3", "u-1", "AAPL", "2026-02-01", "4"));
  EXPECT_EQ(partial.result, Result::handled);
  EXPECT_FALSE(partial.emptied_holding);
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "2");

  const EventHandlingOutcome emptied =
      store_and_handle(sell_event("t-4", "u-1", "AAPL", "2026-02-02", "6.000"));
  EXPECT_EQ(emptied.result, Result::handled);
  EXPECT_TRUE(emptied.emptied_holding);
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "1");
  // The sold-out holding keeps its row with quantity 0 (docs/database.md).
  EXPECT_EQ(value("SELECT (quantity = 0)::text FROM asset_holders WHERE user_id = 'u-1'"), "true");
  EXPECT_EQ(jobs().size(), 1u);  // selling queues nothing
}

TEST_F(EventOrchestratorTest, LastHolderSellingLeavesTheAssetTrackedWithNoUsers) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "10"));
  store_and_handle(sell_event("t-2", "u-1", "AAPL", "2026-02-01", "10"));
  EXPECT_EQ(value("SELECT tracking_users || ' ' || history_from FROM tracked_assets"), "0 2025-01-15");

  const EventHandlingOutcome again = store_and_handle(buy_event("t-3", "u-1", "AAPL", "2026-02-10", "1"));
  EXPECT_TRUE(again.became_holder);
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "1");
  EXPECT_EQ(value("SELECT first_buy_date FROM asset_holders"), "2026-01-15");
  EXPECT_EQ(jobs().size(), 1u);
}

TEST_F(EventOrchestratorTest, SellLargerThanTheHoldingIsHeldWithItsReasonAndChangesNothing) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "3"));
  const EventHandlingOutcome outcome = store_and_handle(sell_event("t-2", "u-1", "AAPL", "2026-02-01", "5"));
  EXPECT_EQ(outcome.result, Result::held);
  EXPECT_EQ(outcome.error,
            "quantity: selling 5 but user u-1 holds 3 of stock AAPL; the sell is held and applied once a buy "
            "makes it up");
  // Still to do (processed_at NULL), with the reason stored.
  EXPECT_EQ(value("SELECT error FROM transaction_events WHERE event_id = 't-2' AND processed_at IS NULL"),
            outcome.error);
  EXPECT_EQ(value("SELECT quantity FROM asset_holders"), "3");
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets"), "1");

  // A sweep that finds it still too large leaves it held.
  EXPECT_EQ(orchestrator.handle(*connection, "t-2").result, Result::held);
  EXPECT_EQ(value("SELECT quantity FROM asset_holders"), "3");
}

TEST_F(EventOrchestratorTest, SellOfAnAssetNeverHeldIsHeldAndCreatesNothing) {
  const EventHandlingOutcome outcome = store_and_handle(sell_event("t-1", "u-1", "MSFT", "2026-02-01", "1"));
  EXPECT_EQ(outcome.result, Result::held);
  EXPECT_TRUE(outcome.error.starts_with("quantity: selling 1 but user u-1 holds no stock MSFT; "))
      << outcome.error;
  EXPECT_EQ(value("SELECT count(*) FROM assets"), "0");
  EXPECT_EQ(value("SELECT count(*) FROM asset_holders"), "0");
}

TEST_F(EventOrchestratorTest, SellThatArrivedBeforeItsBuyIsAppliedWhenTheBuyIsHandled) {
  EXPECT_EQ(store_and_handle(sell_event("s-1", "u-1", "AAPL", "2026-02-01", "4")).result, Result::held);
  EXPECT_EQ(store_and_handle(sell_event("s-2", "u-1", "AAPL", "2026-02-02", "6")).result, Result::held);
  // Another user's buy or another asset's does not release them.
  store_and_handle(buy_event("b-0", "u-2", "AAPL", "2026-01-15", "100"));
  store_and_handle(buy_event("b-00", "u-1", "MSFT", "2026-01-15", "100"));
  EXPECT_EQ(value("SELECT count(*) FROM transaction_events WHERE processed_at IS NULL"), "2");

  // A buy of 5 covers the first sell (4) only; the second waits for more.
  EXPECT_EQ(store_and_handle(buy_event("b-1", "u-1", "AAPL", "2026-01-15", "5")).result, Result::handled);
  EXPECT_EQ(value("SELECT quantity FROM asset_holders h JOIN assets a ON a.id = h.asset_id "
                  "WHERE user_id = 'u-1' AND symbol = 'AAPL'"),
            "1");
  EXPECT_EQ(value("SELECT (processed_at IS NOT NULL) || ' ' || coalesce(error, '-') FROM transaction_events "
                  "WHERE event_id = 's-1'"),
            "true -");
  EXPECT_EQ(value("SELECT processed_at IS NULL FROM transaction_events WHERE event_id = 's-2'"), "t");

  store_and_handle(buy_event("b-2", "u-1", "AAPL", "2026-01-16", "5"));
  EXPECT_EQ(value("SELECT quantity FROM asset_holders h JOIN assets a ON a.id = h.asset_id "
                  "WHERE user_id = 'u-1' AND symbol = 'AAPL'"),
            "0");
  EXPECT_EQ(value("SELECT count(*) FROM transaction_events WHERE processed_at IS NULL OR error IS NOT NULL"),
            "0");
  // u-1 emptied the holding again: only u-2 tracks AAPL.
  EXPECT_EQ(value("SELECT tracking_users FROM tracked_assets t JOIN assets a ON a.id = t.asset_id "
                  "WHERE symbol = 'AAPL'"),
            "1");
}

TEST_F(EventOrchestratorTest, EarlierBuyQueuesOnlyTheMissingEarlierRange) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "1"));
  const EventHandlingOutcome earlier = store_and_handle(buy_event("t-2", "u-2", "AAPL", "2025-06-01", "1"));
  EXPECT_EQ(earlier.result, Result::handled);
  EXPECT_EQ(jobs(), (std::vector<std::string>{"2025-01-15..2026-03-02 1d pending",
                                              "2024-06-01..2025-01-14 1d pending"}));
  EXPECT_EQ(value("SELECT history_from FROM tracked_assets"), "2024-06-01");
}

TEST_F(EventOrchestratorTest, BuyDated1900QueuesFromEarliestHistoryNotFrom1899) {
  const EventHandlingOutcome outcome = store_and_handle(buy_event("t-1", "u-1", "AAPL", "1900-06-01", "1"));
  EXPECT_EQ(outcome.result, Result::handled);
  EXPECT_EQ(jobs(), (std::vector<std::string>{"1970-01-01..2026-03-02 1d pending"}));
  EXPECT_EQ(value("SELECT history_from FROM tracked_assets"), "1970-01-01");
  EXPECT_EQ(outcome.clamped_from, std::chrono::sys_days{std::chrono::year{1899} / 6 / 1});

  EventOrchestratorSettings later;
  later.earliest_history = std::chrono::sys_days{std::chrono::year{2000} / 1 / 1};
  const EventOrchestrator orchestrator_2000{later, test::test_today};
  test::insert_event_row(*connection, "t-2", buy_event("t-2", "u-1", "MSFT", "1990-01-01", "1").dump());
  EXPECT_EQ(orchestrator_2000.handle(*connection, "t-2").result, Result::handled);
  EXPECT_EQ(jobs().back(), "2000-01-01..2026-03-02 1d pending");
}

TEST_F(EventOrchestratorTest, BuyWithinCoveredHistoryQueuesNothing) {
  store_and_handle(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "1"));
  const EventHandlingOutcome later = store_and_handle(buy_event("t-2", "u-2", "AAPL", "2026-02-20", "1"));
  EXPECT_EQ(later.result, Result::handled);
  EXPECT_EQ(later.queued, std::nullopt);
  EXPECT_EQ(jobs().size(), 1u);
  EXPECT_EQ(value("SELECT history_from FROM tracked_assets"), "2025-01-15");
}

TEST_F(EventOrchestratorTest, BuysAddTheirCostPerCurrencyAndSellsKeepTheAverageCost) {
  nlohmann::json first = buy_event("t-1", "u-1", "OCDO.L", "2026-01-15", "100");
  first["price"] = "250.5";
  first["currency"] = "GBp";
  store_and_handle(first);
  nlohmann::json second = buy_event("t-2", "u-1", "OCDO.L", "2026-01-20", "100");
  second["price"] = "2.60";
  second["currency"] = "GBP";
  store_and_handle(second);
  EXPECT_EQ(
      value("SELECT string_agg(currency || '=' || amount::text, ' ' ORDER BY currency) FROM holding_costs"),
      "GBP=260.00 GBp=25050.0");

  // Selling a quarter leaves three quarters of each currency's cost.
  store_and_handle(sell_event("t-3", "u-1", "OCDO.L", "2026-02-01", "50"));
  EXPECT_EQ(value("SELECT string_agg(currency || '=' || round(amount, 4)::text, ' ' ORDER BY currency) "
                  "FROM holding_costs"),
            "GBP=195.0000 GBp=18787.5000");

  store_and_handle(sell_event("t-4", "u-1", "OCDO.L", "2026-02-02", "150"));
  EXPECT_EQ(value("SELECT (sum(amount) = 0)::text FROM holding_costs"), "true");
}

TEST_F(EventOrchestratorTest, AssetsAreKeptApartByClass) {
  nlohmann::json coin = buy_event("t-2", "u-1", "BTC", "2026-01-15", "0.5");
  coin["asset_class"] = "crypto";
  store_and_handle(buy_event("t-1", "u-1", "BTC", "2026-01-15", "1"));  // a stock ticker BTC
  store_and_handle(coin);
  EXPECT_EQ(value("SELECT count(*) FROM assets WHERE symbol = 'BTC'"), "2");
  EXPECT_EQ(value("SELECT count(*) FROM tracked_assets"), "2");
}

TEST_F(EventOrchestratorTest, EachConfiguredResolutionGetsItsJob) {
  EventOrchestrator hourly(
      {.lookback_days = 30, .max_attempts = 3, .resolutions = {Resolution::day, Resolution::hour}},
      test::test_today);
  test::insert_event_row(*connection, "t-1", buy_event("t-1", "u-1", "AAPL", "2026-02-10", "1").dump());
  hourly.handle(*connection, "t-1");
  EXPECT_EQ(jobs(), (std::vector<std::string>{"2026-01-11..2026-03-02 1d pending",
                                              "2026-01-11..2026-03-02 1h pending"}));
  EXPECT_EQ(value("SELECT string_agg(max_attempts::text, ',') FROM backfill_queue"), "3,3");
}

TEST_F(EventOrchestratorTest, ReplayedEventIsIgnored) {
  const nlohmann::json event = buy_event("t-1", "u-1", "AAPL", "2026-01-15", "10");
  EXPECT_EQ(store_and_handle(event).result, Result::handled);
  EXPECT_EQ(orchestrator.handle(*connection, "t-1").result, Result::skipped);
  EXPECT_EQ(orchestrator.handle(*connection, "no-such-event").result, Result::skipped);
  EXPECT_EQ(value("SELECT quantity FROM asset_holders"), "10");
  EXPECT_EQ(value("SELECT count(*) FROM backfill_queue"), "1");
}

TEST_F(EventOrchestratorTest, InvalidStoredPayloadIsMarkedWithItsError) {
  nlohmann::json event = buy_event("t-1");
  event["date"] = "2026-02-30";
  const EventHandlingOutcome outcome = store_and_handle(event);
  EXPECT_EQ(outcome.result, Result::rejected);
  EXPECT_EQ(outcome.error, "date: 2026-02-30 is not a real date");
  EXPECT_EQ(value("SELECT (processed_at IS NOT NULL) || ' ' || error FROM transaction_events"),
            "true date: 2026-02-30 is not a real date");
  EXPECT_EQ(value("SELECT count(*) FROM assets"), "0");
  // Marked, so never tried again.
  EXPECT_EQ(orchestrator.handle(*connection, "t-1").result, Result::skipped);
}

TEST_F(EventOrchestratorTest, StoredPayloadWithJsonNumbersKeepsThemExact) {
  test::insert_event_row(
      *connection, "t-1",
      R"({"user_id":"u-1","type":"buy","symbol":"ETH","asset_class":"crypto",)"
      R"("date":"2026-01-15","quantity":0.123456789012345678,"price":3000,"currency":"USD"})");
  EXPECT_EQ(orchestrator.handle(*connection, "t-1").result, Result::handled);
  EXPECT_EQ(value("SELECT quantity FROM asset_holders"), "0.123456789012345678");
}

TEST_F(EventOrchestratorTest, EventHeldByAnotherTransactionIsSkippedNotWaitedFor) {
  test::insert_event_row(*connection, "t-1", buy_event("t-1").dump());
  auto other = db.connect();
  pqxx::work holding(*other);
  holding.exec("SELECT 1 FROM transaction_events WHERE event_id = 't-1' FOR UPDATE");
  EXPECT_EQ(orchestrator.handle(*connection, "t-1").result, Result::skipped);
  holding.abort();
  EXPECT_EQ(orchestrator.handle(*connection, "t-1").result, Result::handled);
}

}  // namespace
}  // namespace pricefeed::host
