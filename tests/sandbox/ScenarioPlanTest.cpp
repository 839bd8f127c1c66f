// Data scenarios: how each kind is read, which answers it changes, and what the truth keeps.
#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/sandbox/Instruments.hpp"
#include "tests/sandbox/PriceModel.hpp"
#include "tests/sandbox/ScenarioPlan.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::day;
using namespace std::chrono;

const sys_seconds kNow = sys_seconds{day("2025-02-20")} + hours{15};

class ScenarioPlanTest : public ::testing::Test {
 protected:
  std::vector<Bar> bars(const std::string& symbol, const std::string& from, const std::string& to) const {
    return model.daily_bars(*instruments.find(symbol), day(from), day(to), kNow);
  }
  static const Bar& on(const std::vector<Bar>& bars, const std::string& iso) {
    for (const auto& b : bars) {
      if (b.day == day(iso)) return b;
    }
    throw std::out_of_range("no bar on " + iso);
  }
  static bool has(const std::vector<Bar>& bars, const std::string& iso) {
    for (const auto& b : bars) {
      if (b.day == day(iso)) return true;
    }
    return false;
  }
  void add(const std::string& body) { plan.add(ScenarioPlan::from_json(json::parse(body))); }

  Instruments instruments;
  PriceModel model;
  ScenarioPlan plan;
};

TEST_F(ScenarioPlanTest, EachKindReadsItsFieldsAndWritesThemBack) {
  auto spike = ScenarioPlan::from_json(
      json::parse(R"({"kind":"spike","symbol":"aapl","date":"2025-02-10","factor":3})"));
  EXPECT_EQ(spike.symbol, "AAPL");
  EXPECT_EQ(spike.date, day("2025-02-10"));
  EXPECT_EQ(spike.factor, 3.0);
  auto disagree = ScenarioPlan::from_json(json::parse(
      R"({"kind":"disagree","route":"binance","symbol":"BTC","from":"2025-01-01","factor":1.08})"));
  EXPECT_EQ(disagree.route, "binance");
  EXPECT_EQ(disagree.from, day("2025-01-01"));
  EXPECT_FALSE(disagree.to);
  auto split = ScenarioPlan::from_json(
      json::parse(R"({"kind":"split","symbol":"AAPL","date":"2026-06-01","numerator":4,"denominator":1})"));
  json written = ScenarioPlan::to_json(split);
  EXPECT_EQ(written["kind"], "split");
  EXPECT_EQ(written["date"], "2026-06-01");
  EXPECT_EQ(written["numerator"], 4);
  EXPECT_EQ(written["route"], nullptr);
  auto missing = ScenarioPlan::from_json(
      json::parse(R"({"kind":"missing","symbol":"MSFT","from":"2025-02-03","to":"2025-02-07"})"));
  EXPECT_EQ(ScenarioPlan::to_json(missing)["to"], "2025-02-07");
}

TEST_F(ScenarioPlanTest, BadScenariosAreRefusedWithTheReason) {
  const char* bad[] = {
      R"([])",
      R"({"symbol":"AAPL","date":"2025-02-10","factor":3})",
      R"({"kind":"crash","symbol":"AAPL"})",
      R"({"kind":"spike","date":"2025-02-10","factor":3})",
      R"({"kind":"spike","symbol":"AAPL","factor":3})",
      R"({"kind":"spike","symbol":"AAPL","date":"10/02/2025","factor":3})",
      R"({"kind":"spike","symbol":"AAPL","date":"2025-02-10","factor":0})",
      R"({"kind":"spike","symbol":"AAPL","date":"2025-02-10","factor":"3"})",
      R"({"kind":"spike","symbol":"AAPL","date":"2025-02-10","factor":3,"route":"yahoo"})",
      R"({"kind":"disagree","symbol":"BTC","factor":1.1})",
      R"({"kind":"disagree","symbol":"BTC","route":"kraken","factor":1.1})",
      R"({"kind":"disagree","symbol":"BTC","route":"binance"})",
      R"({"kind":"missing","symbol":"AAPL","from":"2025-02-03"})",
      R"({"kind":"missing","symbol":"AAPL","from":"2025-02-07","to":"2025-02-03"})",
      R"({"kind":"split","symbol":"AAPL","date":"2026-06-01","numerator":2,"denominator":2})",
      R"({"kind":"split","symbol":"AAPL","date":"2026-06-01","numerator":4})",
  };
  for (const char* body : bad) {
    EXPECT_THROW(ScenarioPlan::from_json(json::parse(body)), std::invalid_argument) << body;
  }
}

TEST_F(ScenarioPlanTest, ASpikeMultipliesThatDaysBarInEveryRouteAndInTheTruth) {
  add(R"({"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3})");
  const auto in = *instruments.find("AAPL");
  const auto model_bars = bars("AAPL", "2025-02-10", "2025-02-12");
  for (const char* family : {"yahoo", "binance", ""}) {
    auto served = model_bars;
    if (*family) {
      plan.apply(family, in, served);
    } else {
      plan.apply_truth(in, served);
    }
    ASSERT_EQ(served.size(), 3u);
    EXPECT_NEAR(on(served, "2025-02-11").close, on(model_bars, "2025-02-11").close * 3, 0.01) << family;
    EXPECT_NEAR(on(served, "2025-02-11").high, on(model_bars, "2025-02-11").high * 3, 0.01) << family;
    EXPECT_EQ(on(served, "2025-02-11").volume, on(model_bars, "2025-02-11").volume);
    EXPECT_EQ(on(served, "2025-02-10").close, on(model_bars, "2025-02-10").close);
    EXPECT_EQ(on(served, "2025-02-12").close, on(model_bars, "2025-02-12").close);
  }
  EXPECT_EQ(plan.factor("coingecko", in, day("2025-02-11")), 3.0);
  EXPECT_EQ(plan.factor("coingecko", in, day("2025-02-12")), 1.0);
}

TEST_F(ScenarioPlanTest, ADisagreementChangesOnlyItsRouteAndNotTheTruth) {
  add(R"({"kind":"disagree","route":"binance","symbol":"BTC-USDT","from":"2025-02-05","to":"2025-02-06","factor":1.08})");
  const auto in = *instruments.find("BTC-USDT");
  const auto model_bars = bars("BTC-USDT", "2025-02-04", "2025-02-07");
  auto binance = model_bars, coingecko = model_bars, truth = model_bars;
  plan.apply("binance", in, binance);
  plan.apply("coingecko", in, coingecko);
  plan.apply_truth(in, truth);
  EXPECT_NEAR(on(binance, "2025-02-05").close / on(model_bars, "2025-02-05").close, 1.08, 1e-4);
  EXPECT_NEAR(on(binance, "2025-02-06").close / on(model_bars, "2025-02-06").close, 1.08, 1e-4);
  EXPECT_EQ(on(binance, "2025-02-04").close, on(model_bars, "2025-02-04").close);
  EXPECT_EQ(on(binance, "2025-02-07").close, on(model_bars, "2025-02-07").close);
  for (std::size_t i = 0; i < model_bars.size(); ++i) {
    EXPECT_EQ(coingecko[i].close, model_bars[i].close);
    EXPECT_EQ(truth[i].close, model_bars[i].close);
  }
}

TEST_F(ScenarioPlanTest, ACryptoBaseNamesEveryPairOfTheCoin) {
  add(R"({"kind":"spike","symbol":"BTC","date":"2025-02-05","factor":2})");
  EXPECT_EQ(plan.factor("coingecko", *instruments.find("BTC-USD"), day("2025-02-05")), 2.0);
  EXPECT_EQ(plan.factor("binance", *instruments.find("BTC-USDT"), day("2025-02-05")), 2.0);
  EXPECT_EQ(plan.factor("binance", *instruments.find("ETH-USDT"), day("2025-02-05")), 1.0);
  EXPECT_EQ(plan.factor("yahoo", *instruments.find("BTC-USD"), day("2025-02-05")), 2.0);
}

TEST_F(ScenarioPlanTest, AMissingWeekOfOneRouteIsStillInTheTruthButOfEveryRouteIsNot) {
  add(R"({"kind":"missing","route":"yahoo","symbol":"AAPL","from":"2025-02-03","to":"2025-02-07"})");
  add(R"({"kind":"missing","symbol":"MSFT","from":"2025-02-03","to":"2025-02-07"})");
  const auto aapl = *instruments.find("AAPL");
  const auto msft = *instruments.find("MSFT");
  auto yahoo = bars("AAPL", "2025-01-31", "2025-02-10");
  plan.apply("yahoo", aapl, yahoo);
  EXPECT_EQ(yahoo.size(), 2u) << "the Friday before and the Monday after";
  EXPECT_FALSE(has(yahoo, "2025-02-05"));
  auto aapl_truth = bars("AAPL", "2025-01-31", "2025-02-10");
  plan.apply_truth(aapl, aapl_truth);
  EXPECT_EQ(aapl_truth.size(), 7u);
  auto msft_truth = bars("MSFT", "2025-01-31", "2025-02-10");
  plan.apply_truth(msft, msft_truth);
  EXPECT_EQ(msft_truth.size(), 2u);
  auto msft_binance = bars("MSFT", "2025-01-31", "2025-02-10");
  plan.apply("binance", msft, msft_binance);
  EXPECT_EQ(msft_binance.size(), 2u);
}

TEST_F(ScenarioPlanTest, ASplitJoinsTheInstrumentsCorporateActions) {
  add(R"({"kind":"split","symbol":"MSFT","date":"2025-02-03","numerator":4,"denominator":1})");
  const auto with = plan.with_splits(*instruments.find("MSFT"));
  ASSERT_FALSE(with.splits.empty());
  EXPECT_EQ(with.splits.back().day, day("2025-02-03"));
  EXPECT_EQ(with.splits.back().numerator, 4);
  EXPECT_EQ(plan.with_splits(*instruments.find("AAPL")).splits.size(),
            instruments.find("AAPL")->splits.size());
}

TEST_F(ScenarioPlanTest, RemovedAndClearedScenariosStopApplying) {
  auto id = plan.add(ScenarioPlan::from_json(
      json::parse(R"({"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3})")));
  const auto in = *instruments.find("AAPL");
  EXPECT_TRUE(plan.remove(id));
  EXPECT_FALSE(plan.remove(id));
  EXPECT_EQ(plan.factor("yahoo", in, day("2025-02-11")), 1.0);
  add(R"({"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3})");
  plan.clear();
  EXPECT_TRUE(plan.list().empty());
}

}  // namespace
}  // namespace pricefeed::sandbox
