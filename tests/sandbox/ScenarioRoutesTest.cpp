// Data scenarios through the control API, as the upstream routes and /__sandbox/truth then answer.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::day;
using namespace std::chrono;

std::int64_t epoch(sys_days d) {
  return sys_seconds{d}.time_since_epoch().count();
}

class ScenarioRoutesTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }
  void SetUp() override {
    sandbox_->post("/__sandbox/reset");
    sandbox_->post("/__sandbox/clock", R"({"now":"2025-02-20T15:00:00Z"})");
  }

  // Yahoo's daily closes by trading date (the bars are stamped at the New York open).
  static std::map<std::string, double> yahoo_closes(const std::string& symbol, const std::string& from,
                                                    const std::string& to, json* chart = nullptr) {
    json body =
        sandbox_->get_json("/v8/finance/chart/" + symbol +
                           "?interval=1d&events=div%7Csplit&period1=" + std::to_string(epoch(day(from))) +
                           "&period2=" + std::to_string(epoch(day(to) + days{1}) - 1));
    const json& result = body["chart"]["result"][0];
    std::map<std::string, double> out;
    if (result.contains("timestamp")) {
      for (std::size_t i = 0; i < result["timestamp"].size(); ++i) {
        const sys_seconds t{seconds{result["timestamp"][i].get<std::int64_t>()}};
        out[iso_date(floor<days>(t))] = result["indicators"]["quote"][0]["close"][i].get<double>();
      }
    }
    if (chart) *chart = result;
    return out;
  }
  static std::map<std::string, double> truth_closes(const std::string& symbol, const std::string& from,
                                                    const std::string& to) {
    json body = sandbox_->get_json("/__sandbox/truth/" + symbol + "?from=" + from + "&to=" + to);
    std::map<std::string, double> out;
    for (const auto& b : body["bars"])
      out[b["date"].get<std::string>()] = b["close"].get<double>();
    return out;
  }
  // Binance's daily closes by UTC date.
  static std::map<std::string, double> binance_closes(const std::string& pair, const std::string& from,
                                                      const std::string& to) {
    json klines = sandbox_->get_json("/api/v3/klines?symbol=" + pair +
                                     "&interval=1d&startTime=" + std::to_string(epoch(day(from)) * 1000) +
                                     "&endTime=" + std::to_string(epoch(day(to)) * 1000));
    std::map<std::string, double> out;
    for (const auto& k : klines)
      out[iso_date(sys_days{days{k[0].get<std::int64_t>() / 86'400'000}})] =
          std::stod(k[4].get<std::string>());
    return out;
  }
  // CoinGecko's daily points by the date they close (the point at 00:00 of D closes D-1).
  static std::map<std::string, double> coingecko_closes(const std::string& id, const std::string& from,
                                                        const std::string& to) {
    json chart = sandbox_->get_json("/api/v3/coins/" + id + "/market_chart/range?vs_currency=usd&from=" +
                                    std::to_string(epoch(day(from) - days{120})) +
                                    "&to=" + std::to_string(epoch(day(to) + days{1})));
    std::map<std::string, double> out;
    for (const auto& p : chart["prices"]) {
      const std::int64_t ms = p[0].get<std::int64_t>();
      if (ms % 86'400'000 != 0) continue;
      const sys_days closes = sys_days{days{ms / 86'400'000}} - days{1};
      if (closes >= day(from) && closes <= day(to)) out[iso_date(closes)] = p[1].get<double>();
    }
    return out;
  }
};

TEST_F(ScenarioRoutesTest, ScenariosAreAddedListedDeletedAndClearedByReset) {
  auto added = sandbox_->post("/__sandbox/scenarios",
                              R"({"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3})");
  ASSERT_EQ(added.status, 201u) << added.body;
  const auto id = json::parse(added.body)["id"].get<std::uint64_t>();
  auto two = sandbox_->post("/__sandbox/scenarios",
                            R"([{"kind":"missing","symbol":"MSFT","from":"2025-02-03","to":"2025-02-07"},
                                                        {"kind":"disagree","route":"binance","symbol":"BTC","factor":1.05}])");
  ASSERT_EQ(two.status, 201u) << two.body;
  EXPECT_EQ(json::parse(two.body).size(), 2u);
  EXPECT_EQ(sandbox_->get_json("/__sandbox/scenarios")["scenarios"].size(), 3u);
  EXPECT_EQ(http_request(sandbox_->port(), "DELETE", "/__sandbox/scenarios/" + std::to_string(id)).status,
            200u);
  EXPECT_EQ(http_request(sandbox_->port(), "DELETE", "/__sandbox/scenarios/" + std::to_string(id)).status,
            404u);
  EXPECT_EQ(sandbox_->get_json("/__sandbox/scenarios")["scenarios"].size(), 2u);
  sandbox_->post("/__sandbox/reset");
  EXPECT_EQ(sandbox_->get_json("/__sandbox/scenarios")["scenarios"].size(), 0u);
  sandbox_->post("/__sandbox/scenarios",
                 R"({"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3})");
  EXPECT_EQ(http_request(sandbox_->port(), "DELETE", "/__sandbox/scenarios").status, 200u);
  EXPECT_EQ(sandbox_->get_json("/__sandbox/scenarios")["scenarios"].size(), 0u);
}

TEST_F(ScenarioRoutesTest, ABadScenarioAnswers400AndAListWithOneAddsNothing) {
  auto bad = sandbox_->post("/__sandbox/scenarios", R"({"kind":"spike","symbol":"AAPL","factor":3})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("'date' is required"), std::string::npos) << bad.body;
  EXPECT_EQ(sandbox_->post("/__sandbox/scenarios", "not json").status, 400u);
  EXPECT_EQ(
      sandbox_
          ->post("/__sandbox/scenarios", R"([{"kind":"spike","symbol":"AAPL","date":"2025-02-11","factor":3},
                                                         {"kind":"spike"}])")
          .status,
      400u);
  EXPECT_EQ(sandbox_->get_json("/__sandbox/scenarios")["scenarios"].size(), 0u);
}

TEST_F(ScenarioRoutesTest, ASpikeIsInEveryRouteAndInTheTruth) {
  const auto yahoo_before = yahoo_closes("BTC-USD", "2025-02-04", "2025-02-06");
  const auto binance_before = binance_closes("BTCUSDT", "2025-02-04", "2025-02-06");
  const auto coingecko_before = coingecko_closes("bitcoin", "2025-02-04", "2025-02-06");
  sandbox_->post("/__sandbox/scenarios", R"({"kind":"spike","symbol":"BTC","date":"2025-02-05","factor":3})");
  const auto yahoo = yahoo_closes("BTC-USD", "2025-02-04", "2025-02-06");
  const auto binance = binance_closes("BTCUSDT", "2025-02-04", "2025-02-06");
  const auto coingecko = coingecko_closes("bitcoin", "2025-02-04", "2025-02-06");
  const auto truth = truth_closes("BTC-USD", "2025-02-04", "2025-02-06");
  ASSERT_EQ(yahoo.size(), 3u);
  ASSERT_EQ(binance.size(), 3u);
  ASSERT_EQ(coingecko.size(), 3u);
  EXPECT_NEAR(yahoo.at("2025-02-05") / yahoo_before.at("2025-02-05"), 3.0, 1e-4);
  EXPECT_NEAR(binance.at("2025-02-05") / binance_before.at("2025-02-05"), 3.0, 1e-4);
  EXPECT_NEAR(coingecko.at("2025-02-05") / coingecko_before.at("2025-02-05"), 3.0, 1e-4);
  EXPECT_EQ(truth.at("2025-02-05"), yahoo.at("2025-02-05"));
  EXPECT_EQ(yahoo.at("2025-02-04"), yahoo_before.at("2025-02-04"));
  EXPECT_EQ(binance.at("2025-02-06"), binance_before.at("2025-02-06"));
}

TEST_F(ScenarioRoutesTest, ASpikeTodayShowsInQuotesAndTickers) {
  const double before =
      std::stod(sandbox_->get_json("/api/v3/ticker/price?symbol=BTCUSDT")["price"].get<std::string>());
  sandbox_->post("/__sandbox/scenarios", R"({"kind":"spike","symbol":"BTC","date":"2025-02-20","factor":2})");
  const double after =
      std::stod(sandbox_->get_json("/api/v3/ticker/price?symbol=BTCUSDT")["price"].get<std::string>());
  EXPECT_NEAR(after / before, 2.0, 1e-4);
}

TEST_F(ScenarioRoutesTest, ADisagreementIsOnlyInItsRoute) {
  const auto binance_before = binance_closes("BTCUSDT", "2025-02-03", "2025-02-07");
  const auto coingecko_before = coingecko_closes("bitcoin", "2025-02-03", "2025-02-07");
  sandbox_->post(
      "/__sandbox/scenarios",
      R"({"kind":"disagree","route":"binance","symbol":"BTC","from":"2025-02-04","to":"2025-02-06","factor":1.08})");
  const auto binance = binance_closes("BTCUSDT", "2025-02-03", "2025-02-07");
  const auto coingecko = coingecko_closes("bitcoin", "2025-02-03", "2025-02-07");
  EXPECT_NEAR(binance.at("2025-02-05") / binance_before.at("2025-02-05"), 1.08, 1e-4);
  EXPECT_EQ(binance.at("2025-02-03"), binance_before.at("2025-02-03"));
  EXPECT_EQ(binance.at("2025-02-07"), binance_before.at("2025-02-07"));
  EXPECT_EQ(coingecko, coingecko_before);
  const auto truth = truth_closes("BTC-USDT", "2025-02-03", "2025-02-07");
  ASSERT_EQ(truth.size(), binance_before.size());
  for (const auto& [date, close] : binance_before)
    EXPECT_NEAR(truth.at(date), close, 0.01)
        << date << ": the truth is the model's, not the deviating source's";
}

TEST_F(ScenarioRoutesTest, AMissingWeekIsAbsentFromTheAnswers) {
  sandbox_->post(
      "/__sandbox/scenarios",
      R"({"kind":"missing","route":"yahoo","symbol":"AAPL","from":"2025-02-03","to":"2025-02-07"})");
  const auto served = yahoo_closes("AAPL", "2025-01-27", "2025-02-14");
  EXPECT_EQ(served.size(), 10u) << "the weeks before and after";
  EXPECT_FALSE(served.count("2025-02-05"));
  EXPECT_EQ(truth_closes("AAPL", "2025-01-27", "2025-02-14").size(), 15u) << "another source can fill it";
}

TEST_F(ScenarioRoutesTest, ASplitIsAnnouncedAndAdjustsTheBarsBeforeItOnceItsDayHasCome) {
  sandbox_->post("/__sandbox/scenarios",
                 R"({"kind":"split","symbol":"MSFT","date":"2025-02-18","numerator":4,"denominator":1})");
  json after_chart;
  const auto after = yahoo_closes("MSFT", "2025-02-10", "2025-02-19", &after_chart);
  ASSERT_TRUE(after_chart.contains("events")) << after_chart.dump();
  const json& splits = after_chart["events"]["splits"];
  ASSERT_EQ(splits.size(), 1u);
  const json& event = splits.begin().value();
  EXPECT_EQ(splits.begin().key(), std::to_string(event["date"].get<std::int64_t>()));
  EXPECT_EQ(event["numerator"], 4);
  EXPECT_EQ(event["denominator"], 1);
  EXPECT_EQ(event["splitRatio"], "4:1");
  EXPECT_EQ(truth_closes("MSFT", "2025-02-10", "2025-02-19"), after);

  sandbox_->post("/__sandbox/clock", R"({"now":"2025-02-14T22:00:00Z"})");
  json before_chart;
  const auto before = yahoo_closes("MSFT", "2025-02-10", "2025-02-14", &before_chart);
  EXPECT_FALSE(before_chart.contains("events")) << "no event before the split's day";
  ASSERT_EQ(before.size(), 5u);  // Monday 10 to Friday 14
  for (const auto& [date, close] : before)
    EXPECT_NEAR(close / after.at(date), 4.0, 1e-3) << date << ": unadjusted before the split";
}

}  // namespace
}  // namespace pricefeed::sandbox
