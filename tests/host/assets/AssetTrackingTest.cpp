// AssetTracking on a real PostgreSQL: tracking_users as holders come and go, history_from only ever
// moved earlier by what was stored or asked for, and the dates of the last price written.
#include "host/assets/AssetTracking.hpp"

#include <optional>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/time/CalendarDate.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

// 2024-01-05T23:00:00Z: late on the 5th in UTC, already the 6th further east.
constexpr std::int64_t kJanuaryFifthLate = 1704495600;

struct TrackedRow {
  int tracking_users = 0;
  std::optional<std::string> history_from;
  bool price_updated = false;  // last_price_update is set
};

class AssetTrackingTest : public ::testing::Test {
 protected:
  std::int64_t insert_asset(const std::string& symbol) {
    pqxx::work tx(*connection_);
    const auto id =
        tx.exec_params1("INSERT INTO assets (asset_class, symbol) VALUES ('stock', $1) RETURNING id",
                        symbol)[0]
            .as<std::int64_t>();
    tx.commit();
    return id;
  }
  void hold(const std::string& user, std::int64_t asset_id, const std::string& quantity) {
    pqxx::work tx(*connection_);
    tx.exec_params(
        "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) "
        "VALUES ($1, $2, $3::numeric, '2024-01-02')",
        user, asset_id, quantity);
    tx.commit();
  }
  template <typename Change>
  void change(Change&& apply) {
    pqxx::work tx(*connection_);
    apply(tx);
    tx.commit();
  }
  std::optional<TrackedRow> tracked(std::int64_t asset_id) {
    pqxx::work tx(*connection_);
    const pqxx::result rows = tx.exec_params(
        "SELECT tracking_users, history_from::text, last_price_update IS NOT NULL FROM tracked_assets "
        "WHERE asset_id = $1",
        asset_id);
    if (rows.empty()) return std::nullopt;
    TrackedRow row{rows[0][0].as<int>(), std::nullopt, rows[0][2].as<bool>()};
    if (!rows[0][1].is_null()) row.history_from = rows[0][1].as<std::string>();
    return row;
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

TEST_F(AssetTrackingTest, StartCountsTheHoldersAlreadyThere) {
  const std::int64_t id = insert_asset("AAPL");
  hold("alice", id, "2");
  hold("bob", id, "0.5");
  hold("carol", id, "0");
  change([&](pqxx::work& tx) { AssetTracking::start(tx, id, parse_iso_date("2023-01-02")); });
  const auto row = tracked(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->tracking_users, 2);
  EXPECT_EQ(row->history_from, "2023-01-02");
}

TEST_F(AssetTrackingTest, UpdateAddsUsersAndSetsHistoryFromAsGiven) {
  const std::int64_t id = insert_asset("AAPL");
  change([&](pqxx::work& tx) { AssetTracking::start(tx, id, parse_iso_date("2023-01-02")); });
  change([&](pqxx::work& tx) { AssetTracking::update(tx, id, 1, parse_iso_date("2022-06-01")); });
  change([&](pqxx::work& tx) { AssetTracking::update(tx, id, 0, parse_iso_date("2022-01-03")); });
  const auto row = tracked(id);
  EXPECT_EQ(row->tracking_users, 1);
  EXPECT_EQ(row->history_from, "2022-01-03");
}

TEST_F(AssetTrackingTest, RemoveUserStopsAtZeroAndKeepsTheRowWithItsHistory) {
  const std::int64_t id = insert_asset("AAPL");
  hold("alice", id, "1");
  change([&](pqxx::work& tx) { AssetTracking::start(tx, id, parse_iso_date("2023-01-02")); });
  change([&](pqxx::work& tx) { AssetTracking::remove_user(tx, id); });
  change([&](pqxx::work& tx) { AssetTracking::remove_user(tx, id); });
  const auto row = tracked(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->tracking_users, 0);
  EXPECT_EQ(row->history_from, "2023-01-02");
}

TEST_F(AssetTrackingTest, TrackFromOnlyEverMovesHistoryFromEarlier) {
  const std::int64_t id = insert_asset("AAPL");
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2024-01-10")); });
  EXPECT_EQ(tracked(id)->tracking_users, 0);
  EXPECT_EQ(tracked(id)->history_from, "2024-01-10");
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2024-02-01")); });
  EXPECT_EQ(tracked(id)->history_from, "2024-01-10");
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2023-12-01")); });
  EXPECT_EQ(tracked(id)->history_from, "2023-12-01");
}

TEST_F(AssetTrackingTest, TrackFromKeepsTheUsersOfATrackedAsset) {
  const std::int64_t id = insert_asset("AAPL");
  hold("alice", id, "1");
  change([&](pqxx::work& tx) { AssetTracking::start(tx, id, parse_iso_date("2023-01-02")); });
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2020-01-02")); });
  EXPECT_EQ(tracked(id)->tracking_users, 1);
  EXPECT_EQ(tracked(id)->history_from, "2020-01-02");
}

TEST_F(AssetTrackingTest, EnsureTrackedAddsARowWithoutUsersAndLeavesAnExistingOneAsItIs) {
  const std::int64_t id = insert_asset("EURUSD");
  change([&](pqxx::work& tx) { AssetTracking::ensure_tracked(tx, id); });
  EXPECT_EQ(tracked(id)->tracking_users, 0);
  EXPECT_FALSE(tracked(id)->history_from);

  const std::int64_t held = insert_asset("AAPL");
  hold("alice", held, "1");
  change([&](pqxx::work& tx) { AssetTracking::start(tx, held, parse_iso_date("2023-01-02")); });
  change([&](pqxx::work& tx) { AssetTracking::ensure_tracked(tx, held); });
  EXPECT_EQ(tracked(held)->tracking_users, 1);
  EXPECT_EQ(tracked(held)->history_from, "2023-01-02");
}

TEST_F(AssetTrackingTest, RecordHistoryMovesHistoryFromBackToTheFirstStoredUtcDateOnly) {
  const std::int64_t id = insert_asset("AAPL");
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2024-01-10")); });
  change(
      [&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate + 30 * 86400, false); });
  EXPECT_EQ(tracked(id)->history_from, "2024-01-10");
  change([&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate, false); });
  EXPECT_EQ(tracked(id)->history_from, "2024-01-05");
}

TEST_F(AssetTrackingTest, RecordHistoryGivesAnAssetWithoutHistoryFromItsFirstStoredDate) {
  const std::int64_t id = insert_asset("EURUSD");
  change([&](pqxx::work& tx) { AssetTracking::ensure_tracked(tx, id); });
  change([&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate, false); });
  EXPECT_EQ(tracked(id)->history_from, "2024-01-05");
}

TEST_F(AssetTrackingTest, RecordHistoryDatesTheLastPriceUpdateOnlyWhenRowsWereWritten) {
  const std::int64_t id = insert_asset("AAPL");
  change([&](pqxx::work& tx) { AssetTracking::track_from(tx, id, parse_iso_date("2024-01-10")); });
  change([&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate, false); });
  EXPECT_FALSE(tracked(id)->price_updated);
  change([&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate, true); });
  EXPECT_TRUE(tracked(id)->price_updated);
}

TEST_F(AssetTrackingTest, RecordHistoryLeavesAnUntrackedAssetUntracked) {
  const std::int64_t id = insert_asset("AAPL");
  change([&](pqxx::work& tx) { AssetTracking::record_history(tx, id, kJanuaryFifthLate, true); });
  EXPECT_FALSE(tracked(id));
}

TEST_F(AssetTrackingTest, RecordPriceUpdatesDatesTheGivenTrackedAssetsOnly) {
  const std::int64_t quoted = insert_asset("AAPL");
  const std::int64_t other = insert_asset("MSFT");
  const std::int64_t untracked = insert_asset("NVDA");
  change([&](pqxx::work& tx) {
    AssetTracking::ensure_tracked(tx, quoted);
    AssetTracking::ensure_tracked(tx, other);
  });
  change([&](pqxx::work& tx) { AssetTracking::record_price_updates(tx, {quoted, untracked}); });
  EXPECT_TRUE(tracked(quoted)->price_updated);
  EXPECT_FALSE(tracked(other)->price_updated);
  EXPECT_FALSE(tracked(untracked));
}

}  // namespace
}  // namespace pricefeed::host
