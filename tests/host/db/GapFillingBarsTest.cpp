// The mark on the bars that filled a gap, on a real PostgreSQL: exactly the asset's daily bars of the
// gap's dates get its id, and a bar that filled an earlier gap keeps that one.
#include "host/db/GapFillingBars.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

class GapFillingBarsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    tx.exec("SELECT pricefeed_ensure_price_partition(2026)");
    asset_id_ = insert_asset(tx, "BTC");
    other_asset_id_ = insert_asset(tx, "ETH");
    // Daily bars of both assets from 10 to 20 March, and hourly bars of the first on 15 March.
    tx.exec_params(
        "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) "
        "SELECT a, '1d', d, 100, 'coingecko' FROM unnest(ARRAY[$1, $2]::bigint[]) a, "
        "generate_series(timestamptz '2026-03-10 00:00Z', timestamptz '2026-03-20 00:00Z', interval '1 day') "
        "d",
        asset_id_, other_asset_id_);
    tx.exec_params(
        "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) "
        "SELECT $1, '1h', h, 100, 'coingecko' FROM "
        "generate_series(timestamptz '2026-03-15 00:00Z', timestamptz '2026-03-15 23:00Z', interval '1 "
        "hour') h",
        asset_id_);
    tx.commit();
  }

  static std::int64_t insert_asset(pqxx::work& tx, const std::string& symbol) {
    return tx
        .exec_params1("INSERT INTO assets (symbol, asset_class) VALUES ($1, 'crypto') RETURNING id",
                      symbol)[0]
        .as<std::int64_t>();
  }

  std::int64_t gap(const std::string& first, const std::string& last) {
    pqxx::work tx(*connection_);
    const auto id = tx.exec_params1(
                          "INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, status) "
                          "VALUES ($1, '1d', $2::date, $3::date, 'queued') RETURNING id",
                          asset_id_, first, last)[0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }

  void mark(std::int64_t gap_id, sys_days first, sys_days last) {
    pqxx::work tx(*connection_);
    mark_gap_filling_bars(tx, gap_id, asset_id_, first, last);
    tx.commit();
  }

  // The days of the marked daily bars of `asset`, "15,16".
  std::string marked_days(std::int64_t gap_id, std::int64_t asset) {
    pqxx::work tx(*connection_);
    return tx
        .exec_params1(
            "SELECT coalesce(string_agg(to_char(ts AT TIME ZONE 'UTC', 'DD'), ',' ORDER BY ts), '') "
            "FROM asset_prices WHERE filled_gap_id = $1 AND asset_id = $2 AND resolution = '1d'",
            gap_id, asset)[0]
        .as<std::string>();
  }

  std::int64_t count(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  std::int64_t asset_id_ = 0;
  std::int64_t other_asset_id_ = 0;
};

TEST_F(GapFillingBarsTest, MarksTheAssetsDailyBarsOfTheGapsDatesOnly) {
  const auto gap_id = gap("2026-03-15", "2026-03-16");

  mark(gap_id, sys_days{2026y / 3 / 15}, sys_days{2026y / 3 / 16});

  EXPECT_EQ(marked_days(gap_id, asset_id_), "15,16");
  EXPECT_EQ(marked_days(gap_id, other_asset_id_), "");
  EXPECT_EQ(count("SELECT count(*) FROM asset_prices WHERE filled_gap_id IS NOT NULL"), 2);
}

TEST_F(GapFillingBarsTest, ABarThatFilledAnEarlierGapKeepsIt) {
  const auto earlier = gap("2026-03-12", "2026-03-15");
  mark(earlier, sys_days{2026y / 3 / 12}, sys_days{2026y / 3 / 15});
  const auto later = gap("2026-03-15", "2026-03-17");

  mark(later, sys_days{2026y / 3 / 15}, sys_days{2026y / 3 / 17});

  EXPECT_EQ(marked_days(earlier, asset_id_), "12,13,14,15");
  EXPECT_EQ(marked_days(later, asset_id_), "16,17");
}

}  // namespace
}  // namespace pricefeed::host
