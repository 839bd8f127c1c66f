// detect_anomalies against a real PostgreSQL: which day-over-day moves are recorded, with which rows,
// and that the rows stay stored.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <tuple>

#include <pqxx/pqxx>

#include "host/quality/AnomalyDetector.hpp"
#include "host/time/CalendarDate.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_days day(const char* iso) {
  return parse_iso_date(iso);
}

class AnomalyDetectorTest : public ::testing::Test {
 protected:
  test::TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  std::int64_t asset = insert_asset();

  std::int64_t insert_asset() {
    pqxx::work tx(*sql);
    const auto id =
        tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('AAPL', 'stock') RETURNING id")[0][0]
            .as<std::int64_t>();
    tx.exec("SELECT pricefeed_ensure_price_partition(2026)");
    tx.commit();
    return id;
  }

  void store(const std::map<std::string, double>& closes, const std::string& resolution = "1d") {
    pqxx::work tx(*sql);
    for (const auto& [date, close] : closes) {
      tx.exec_params(
          "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) "
          "VALUES ($1, $2, $3::date::timestamp AT TIME ZONE 'UTC', $4, 'yahoo')",
          asset, resolution, date, close);
    }
    tx.commit();
  }

  int count(const std::string& sql_text) {
    pqxx::work tx(*sql);
    return tx.exec(sql_text)[0][0].as<int>();
  }
};

TEST_F(AnomalyDetectorTest, AMoveBeyondTheThresholdIsRecordedWithTheRowsInvolvedAndTheRowsStay) {
  store({{"2026-03-09", 100}, {"2026-03-10", 180}, {"2026-03-11", 100}, {"2026-03-12", 101}});
  const auto found = detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-12"), 50);
  ASSERT_EQ(found.size(), 1u) << "+80% is beyond 50%; the return (-44%) is not";
  EXPECT_EQ(found[0].date, day("2026-03-10"));
  EXPECT_EQ(found[0].previous_date, day("2026-03-09"));
  EXPECT_DOUBLE_EQ(found[0].previous_close, 100);
  EXPECT_DOUBLE_EQ(found[0].close, 180);
  EXPECT_DOUBLE_EQ(found[0].change_pct, 80);
  EXPECT_EQ(found[0].source, "yahoo");
  pqxx::work tx(*sql);
  const auto row = tx.exec(
      "SELECT status, previous_close, close, change_pct, source, verdict, checked_at IS NULL "
      "FROM price_anomalies")[0];
  EXPECT_EQ(row[0].as<std::string>(), "open");
  EXPECT_DOUBLE_EQ(row[1].as<double>(), 100);
  EXPECT_DOUBLE_EQ(row[2].as<double>(), 180);
  EXPECT_TRUE(row[5].is_null());
  EXPECT_TRUE(row[6].as<bool>());
  EXPECT_EQ(tx.exec("SELECT count(*) FROM asset_prices")[0][0].as<int>(), 4) << "the rows stay stored";
}

TEST_F(AnomalyDetectorTest, FallsCountAsMovesAndTheThresholdIsStrict) {
  store({{"2026-03-09", 100}, {"2026-03-10", 40}, {"2026-03-11", 60}});
  const auto found = detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-11"), 50);
  ASSERT_EQ(found.size(), 1u) << "+50% exactly is not beyond 50%";
  EXPECT_EQ(found[0].date, day("2026-03-10"));
  EXPECT_DOUBLE_EQ(found[0].change_pct, -60);
}

TEST_F(AnomalyDetectorTest, TheFirstDayOfTheRangeIsJudgedAgainstTheStoredDayBeforeIt) {
  store({{"2026-03-05", 100}, {"2026-03-06", 101}});  // stored earlier, a weekend between
  store({{"2026-03-09", 300}, {"2026-03-10", 301}});  // the job's range
  const auto found = detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-10"), 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].date, day("2026-03-09"));
  EXPECT_EQ(found[0].previous_date, day("2026-03-06"));
}

TEST_F(AnomalyDetectorTest, MovesOutsideTheRangeAreNotJudged) {
  store({{"2026-03-02", 100}, {"2026-03-03", 300}, {"2026-03-09", 301}, {"2026-03-10", 302}});
  EXPECT_TRUE(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-10"), 50).empty());
}

TEST_F(AnomalyDetectorTest, ABarIsRecordedOnceWhateverHowOftenItsRangeIsChecked) {
  store({{"2026-03-09", 100}, {"2026-03-10", 180}});
  EXPECT_EQ(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-10"), 50).size(), 1u);
  EXPECT_TRUE(detect_anomalies(*sql, asset, day("2026-03-01"), day("2026-03-31"), 50).empty());
  EXPECT_EQ(count("SELECT count(*) FROM price_anomalies"), 1);
}

TEST_F(AnomalyDetectorTest, TheThresholdIsTheCallersAndIntradayBarsAreNotDailyMoves) {
  store({{"2026-03-09", 100}, {"2026-03-10", 170}});
  store({{"2026-03-11", 1}, {"2026-03-12", 1000}}, "1h");
  EXPECT_TRUE(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-12"), 80).empty());
  EXPECT_EQ(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-12"), 60).size(), 1u);
}

TEST_F(AnomalyDetectorTest, AnEmptyRangeOrAnAssetWithoutRowsFindsNothing) {
  EXPECT_TRUE(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-12"), 50).empty());
  store({{"2026-03-09", 100}});
  EXPECT_TRUE(detect_anomalies(*sql, asset, day("2026-03-09"), day("2026-03-09"), 50).empty());
}

TEST_F(AnomalyDetectorTest, TheLatestBarsOfManyAssetsAreJudgedAtOnceEachByItsClassThreshold) {
  store({{"2026-03-09", 100}, {"2026-03-10", 170}});  // AAPL +70%
  std::int64_t btc = 0, eth = 0;
  {
    pqxx::work tx(*sql);
    btc = tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('BTC', 'crypto') RETURNING id")[0][0]
              .as<std::int64_t>();
    eth = tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('ETH', 'crypto') RETURNING id")[0][0]
              .as<std::int64_t>();
    for (const auto& [id, prev, close] : {std::tuple{btc, 100.0, 170.0}, std::tuple{eth, 100.0, 190.0}}) {
      tx.exec_params(
          "INSERT INTO asset_prices (asset_id, resolution, ts, close, source) VALUES "
          "($1, '1d', '2026-03-09T00:00:00Z', $2, 'binance'), ($1, '1d', '2026-03-10T00:00:00Z', $3, "
          "'binance')",
          id, prev, close);
    }
    tx.commit();
  }
  QualityConfig quality;
  quality.spike_threshold_pct_by_class[AssetClass::crypto] = 80;
  const auto found = detect_latest_anomalies(*sql, {asset, btc, eth}, quality);
  ASSERT_EQ(found.size(), 2u) << "AAPL +70% > 50%; BTC +70% within crypto's 80%; ETH +90% beyond";
  EXPECT_EQ(found[0].asset_id, asset);
  EXPECT_EQ(found[1].asset_id, eth);
  EXPECT_EQ(found[1].date, day("2026-03-10"));
  EXPECT_EQ(found[1].previous_date, day("2026-03-09"));
  EXPECT_EQ(found[1].source, "binance");
  EXPECT_TRUE(detect_latest_anomalies(*sql, {asset, btc, eth}, quality).empty()) << "recorded once";
  EXPECT_TRUE(detect_latest_anomalies(*sql, {}, quality).empty());
}

}  // namespace
}  // namespace pricefeed::host
