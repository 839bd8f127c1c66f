// AnomalyChecks with the real plugins and the sandbox: an anomaly is cross-checked once with the next
// source of the routing chain, and the verdict (agrees -> confirmed, disagrees, unavailable) is kept.
#include <gtest/gtest.h>

#include "host/quality/AnomalyChecks.hpp"
#include "tests/host/quality/SourceQualityFixture.hpp"

namespace pricefeed::host::quality_test {
namespace {

class AnomalyCrossCheckTest : public SourceQualityTest {
 protected:
  AnomalyChecks checks{config.quality, sources.registry(), config.routing};
  const sys_days spike_day = today() - days(30);

  struct Recorded {
    std::string status, verdict, checked_source, note;
    double checked_close = 0;
  };
  Recorded recorded(std::int64_t anomaly_id) {
    pqxx::work tx(*sql);
    const auto row = tx.exec_params(
        "SELECT status, verdict, COALESCE(checked_source, ''), COALESCE(checked_close, 0), COALESCE(note, "
        "'') "
        "FROM price_anomalies WHERE id = $1",
        anomaly_id)[0];
    return {row[0].as<std::string>(), row[1].is_null() ? "" : row[1].as<std::string>(),
            row[2].as<std::string>(), row[4].as<std::string>(), row[3].as<double>()};
  }
};

TEST_F(AnomalyCrossCheckTest, AMoveTheSecondSourceAlsoShowsIsConfirmed) {
  sandbox.post("/__sandbox/scenarios", R"({"kind":"spike","symbol":"BTC","date":")" +
                                           format_iso_date(spike_day) + R"(","factor":1.8})");
  const auto btc = insert_asset("BTC", "crypto");
  store(btc, truth("BTC-USDT", spike_day - days(3), spike_day + days(3)), "binance");
  const auto report = checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3));
  ASSERT_EQ(report.detected.size(), 1u);
  EXPECT_EQ(report.detected[0].date, spike_day);
  ASSERT_EQ(report.verdicts.size(), 1u);
  const Recorded r = recorded(report.detected[0].id);
  EXPECT_EQ(r.status, "confirmed");
  EXPECT_EQ(r.verdict, "agrees");
  EXPECT_EQ(r.checked_source, "coingecko");
  EXPECT_NEAR(r.checked_close, report.detected[0].close, report.detected[0].close * 0.001);
  EXPECT_NE(r.note.find("confirmed by coingecko"), std::string::npos) << r.note;
}

TEST_F(AnomalyCrossCheckTest, AMoveOnlyTheStoredSourceShowsStaysOpenAsADisagreement) {
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", spike_day - days(3), spike_day + days(3));
  closes[spike_day] *= 1.8;  // what a wrong first source gave
  store(btc, closes, "binance");
  const auto report = checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3));
  ASSERT_EQ(report.detected.size(), 1u) << stored_text(btc);
  const Recorded r = recorded(report.detected[0].id);
  EXPECT_EQ(r.status, "open");
  EXPECT_EQ(r.verdict, "disagrees");
  EXPECT_EQ(r.checked_source, "coingecko");
  EXPECT_NEAR(r.checked_close, closes[spike_day] / 1.8, closes[spike_day] * 0.001);
  EXPECT_NE(r.note.find("coingecko disagrees"), std::string::npos) << r.note;
}

TEST_F(AnomalyCrossCheckTest, EachAnomalyIsCheckedOnceAndTheVerdictIsKept) {
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", spike_day - days(3), spike_day + days(3));
  closes[spike_day] *= 1.8;
  store(btc, closes, "binance");
  ASSERT_EQ(checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3)).verdicts.size(), 1u);
  const int asked = requests("coingecko");
  EXPECT_GE(asked, 1);
  const auto again = checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3));
  EXPECT_TRUE(again.detected.empty());
  EXPECT_TRUE(again.verdicts.empty());
  EXPECT_EQ(requests("coingecko"), asked) << "no second call for a checked anomaly";
}

TEST_F(AnomalyCrossCheckTest, WithoutASecondSourceInTheRoutingTheCheckIsUnavailable) {
  const auto aapl = insert_asset("AAPL", "stock");
  auto closes = truth("AAPL", spike_day - days(6), spike_day + days(3));
  const sys_days moved = closes.rbegin()->first;
  closes[moved] *= 2;
  store(aapl, closes, "yahoo");
  const auto report = checks.after_write(*sql, aapl, spike_day - days(6), spike_day + days(3));
  ASSERT_EQ(report.detected.size(), 1u);
  const Recorded r = recorded(report.detected[0].id);
  EXPECT_EQ(r.status, "open");
  EXPECT_EQ(r.verdict, "unavailable");
  EXPECT_EQ(r.checked_source, "");
  EXPECT_NE(r.note.find("no second source"), std::string::npos) << r.note;
  EXPECT_EQ(requests("yahoo"), 0);
}

TEST_F(AnomalyCrossCheckTest, ASecondSourceThatFailsLeavesTheCheckUnavailableWithItsError) {
  sandbox.add_fault(R"({"route":"coingecko","kind":"500","count":-1})");
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", spike_day - days(3), spike_day + days(3));
  closes[spike_day] *= 1.8;
  store(btc, closes, "binance");
  const auto report = checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3));
  ASSERT_EQ(report.verdicts.size(), 1u);
  const Recorded r = recorded(report.detected[0].id);
  EXPECT_EQ(r.status, "open");
  EXPECT_EQ(r.verdict, "unavailable");
  EXPECT_EQ(r.checked_source, "coingecko");
  EXPECT_NE(r.note.find("coingecko could not be asked"), std::string::npos) << r.note;
}

TEST_F(AnomalyCrossCheckTest, APerClassThresholdDecidesWhatIsAnAnomaly) {
  config.quality.spike_threshold_pct_by_class[AssetClass::crypto] = 90;
  const auto btc = insert_asset("BTC", "crypto");
  auto closes = truth("BTC-USDT", spike_day - days(3), spike_day + days(3));
  closes[spike_day] *= 1.8;
  store(btc, closes, "binance");
  EXPECT_TRUE(checks.after_write(*sql, btc, spike_day - days(3), spike_day + days(3)).detected.empty());
}

}  // namespace
}  // namespace pricefeed::host::quality_test
