// DivergenceCheck with the real plugins and the sandbox: stored closes of the last days against the
// second source's, recorded beyond the threshold, once.
#include <gtest/gtest.h>

#include "host/quality/DivergenceCheck.hpp"
#include "tests/host/quality/SourceQualityFixture.hpp"

namespace pricefeed::host::quality_test {
namespace {

class DivergenceCheckTest : public SourceQualityTest {
 protected:
  DivergenceCheck check{config.quality, sources.registry(), config.routing};
  const sys_days day1 = today() - days(3);
  const sys_days day2 = today() - days(2);

  pqxx::result divergences() {
    pqxx::work tx(*sql);
    return tx.exec(
        "SELECT to_char(date, 'YYYY-MM-DD'), source_a, close_a, source_b, close_b, diff_pct, status "
        "FROM price_divergences ORDER BY date");
  }
};

TEST_F(DivergenceCheckTest, ClosesThatDifferBeyondTheThresholdAreRecordedOnce) {
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", today() - days(4), today() - days(1));
  ASSERT_EQ(closes.size(), 4u);
  closes[day1] *= 1.03;  // 3% off: recorded
  closes[day2] *= 1.01;  // 1% off: within 2%
  store(btc, closes, "binance");
  const DivergenceReport report = check.run(*sql, today());
  EXPECT_EQ(report.assets, 1u);
  EXPECT_EQ(report.compared, 4u);
  EXPECT_EQ(report.recorded, 1u);
  const auto rows = divergences();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), format_iso_date(day1));
  EXPECT_EQ(rows[0][1].as<std::string>(), "binance");
  EXPECT_DOUBLE_EQ(rows[0][2].as<double>(), closes[day1]);
  EXPECT_EQ(rows[0][3].as<std::string>(), "coingecko");
  EXPECT_NEAR(rows[0][5].as<double>(), 100.0 * (1 / 1.03 - 1), 0.1);
  EXPECT_EQ(rows[0][6].as<std::string>(), "open");
  EXPECT_EQ(check.run(*sql, today()).recorded, 0u) << "the same day is not recorded twice";
  EXPECT_EQ(divergences().size(), 1u);
}

TEST_F(DivergenceCheckTest, ASourceThatDisagreesInTheSandboxIsFound) {
  sandbox.post("/__sandbox/scenarios", R"({"kind":"disagree","route":"coingecko","symbol":"BTC","from":")" +
                                           format_iso_date(day1) + R"(","to":")" + format_iso_date(day1) +
                                           R"(","factor":1.05})");
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, truth("BTC-USDT", today() - days(4), today() - days(1)), "binance");
  EXPECT_EQ(check.run(*sql, today()).recorded, 1u);
  const auto rows = divergences();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NEAR(rows[0][5].as<double>(), 5.0, 0.1);
}

TEST_F(DivergenceCheckTest, ClassesWithOneSourceAndUntrackedAssetsAreNotCompared) {
  const auto aapl = insert_asset("AAPL", "stock");
  store(aapl, truth("AAPL", today() - days(4), today() - days(1)), "yahoo");
  const auto eth = insert_asset("ETH", "crypto");
  {
    pqxx::work tx(*sql);
    tx.exec_params("UPDATE tracked_assets SET tracking_users = 0 WHERE asset_id = $1", eth);
    tx.commit();
  }
  auto closes = truth("ETH-USDT", today() - days(4), today() - days(1));
  for (auto& [day, close] : closes)
    close *= 2;
  store(eth, closes, "binance");
  const DivergenceReport report = check.run(*sql, today());
  EXPECT_EQ(report.assets, 0u);
  EXPECT_EQ(divergences().size(), 0u);
  EXPECT_EQ(requests("yahoo") + requests("coingecko"), 0);
}

TEST_F(DivergenceCheckTest, ASecondSourceThatFailsIsCountedAndRecordsNothing) {
  sandbox.add_fault(R"({"route":"coingecko","kind":"500","count":-1})");
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", today() - days(4), today() - days(1));
  closes[day1] *= 1.5;
  store(btc, closes, "binance");
  const DivergenceReport report = check.run(*sql, today());
  EXPECT_EQ(report.unanswered, 1u);
  EXPECT_EQ(report.recorded, 0u);
}

}  // namespace
}  // namespace pricefeed::host::quality_test
