// What the Binance endpoints serve: the model's prices for BASE-QUOTE, Binance's paging and listing
// rules, its errors, and its request-weight accounting.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "tests/sandbox/BinanceWeightMeter.hpp"
#include "tests/sandbox/CoinUniverse.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::day;
using namespace std::chrono;

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t ms(sys_days d) {
  return d.time_since_epoch().count() * kDayMs;
}

double number(const json& decimal_string) {
  return std::stod(decimal_string.get<std::string>());
}

// Weight is counted per wall-clock minute: a test that reads the count starts early in a minute.
void wait_for_a_fresh_minute() {
  const auto now = system_clock::now();
  if (now - floor<minutes>(now) > seconds{50})
    std::this_thread::sleep_until(ceil<minutes>(now) + milliseconds{50});
}

class BinanceBehaviourTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }
  void SetUp() override {
    sandbox_->post("/__sandbox/reset");
    sandbox_->post("/__sandbox/binance/weight", R"({"limit":6000,"used":0})");
  }
  static json klines(const std::string& query) { return sandbox_->get_json("/api/v3/klines?" + query); }
  static std::uint32_t used_weight(const HttpResult& r) {
    return std::stoul(r.headers.at("x-mbx-used-weight-1m"));
  }
};

TEST_F(BinanceBehaviourTest, DailyKlinesAreTheModelsBarsOfBaseDashQuote) {
  auto& sb = sandbox_->sandbox();
  const Instrument in = *sb.instruments().find("BTC-USDT");
  const auto truth = sb.model().daily_bars(in, day("2021-01-01"), day("2021-12-31"), sb.now());
  const json served = klines("symbol=BTCUSDT&interval=1d&startTime=" + std::to_string(ms(day("2021-01-01"))) +
                             "&endTime=" + std::to_string(ms(day("2021-12-31"))) + "&limit=1000");
  ASSERT_EQ(served.size(), truth.size());
  ASSERT_EQ(served.size(), 365u);  // crypto trades every day
  const double cent = 0.005;       // BTC-USDT prices have 2 decimals
  for (std::size_t i = 0; i < truth.size(); ++i) {
    EXPECT_EQ(served[i][0], truth[i].ts.time_since_epoch().count() * 1000) << i;  // 00:00 UTC
    EXPECT_EQ(served[i][6], served[i][0].get<std::int64_t>() + kDayMs - 1) << i;
    EXPECT_NEAR(number(served[i][1]), truth[i].open, cent) << i;
    EXPECT_NEAR(number(served[i][2]), truth[i].high, cent) << i;
    EXPECT_NEAR(number(served[i][3]), truth[i].low, cent) << i;
    EXPECT_NEAR(number(served[i][4]), truth[i].close, cent) << i;
    EXPECT_NEAR(number(served[i][7]), static_cast<double>(truth[i].volume), 0.5) << i;  // quote volume
  }
}

TEST_F(BinanceBehaviourTest, TheTruthEndpointKnowsThePairsInstrument) {
  const json truth = sandbox_->get_json("/__sandbox/truth/BTC-USDT?from=2024-01-01&to=2024-01-10");
  const json served =
      klines("symbol=BTCUSDT&interval=1d&startTime=" + std::to_string(ms(day("2024-01-01"))) + "&limit=10");
  ASSERT_EQ(truth["bars"].size(), 10u);
  ASSERT_EQ(served.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_NEAR(number(served[i][4]), truth["bars"][i]["close"].get<double>(), 0.005) << i;
  }
}

TEST_F(BinanceBehaviourTest, PagesHoldUpToAThousandKlinesAndFollowOnWithoutGapOrOverlap) {
  EXPECT_EQ(klines("symbol=BTCUSDT&interval=1h").size(), 500u);  // the default limit
  const std::int64_t start = ms(day("2024-01-01"));
  const json first = klines("symbol=BTCUSDT&interval=1h&startTime=" + std::to_string(start) + "&limit=1000");
  ASSERT_EQ(first.size(), 1000u);
  EXPECT_EQ(first.front()[0], start);
  const std::int64_t last_open = first.back()[0];
  const json second =
      klines("symbol=BTCUSDT&interval=1h&startTime=" + std::to_string(last_open + 1) + "&limit=1000");
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(second.front()[0], last_open + 3'600'000);
  EXPECT_EQ(second.front()[1], first.back()[4]) << "a 24-hour market opens where it closed";

  const auto r = sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1001");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(json::parse(r.body)["code"], -1130);
}

TEST_F(BinanceBehaviourTest, StartAndEndTimesBoundTheOpenTimesInclusively) {
  const std::int64_t start = ms(day("2024-03-01"));
  const std::int64_t end = ms(day("2024-03-05"));
  const json both = klines("symbol=ETHUSDT&interval=1d&startTime=" + std::to_string(start) +
                           "&endTime=" + std::to_string(end));
  ASSERT_EQ(both.size(), 5u);
  EXPECT_EQ(both.back()[0], end);
  const json from_noon =
      klines("symbol=ETHUSDT&interval=1d&startTime=" + std::to_string(start + 1) + "&limit=2");
  EXPECT_EQ(from_noon.front()[0], start + kDayMs);
  const json until = klines("symbol=ETHUSDT&interval=1d&endTime=" + std::to_string(end) + "&limit=3");
  ASSERT_EQ(until.size(), 3u);
  EXPECT_EQ(until.back()[0], end);
  const auto r = sandbox_->get("/api/v3/klines?symbol=ETHUSDT&interval=1d&startTime=" + std::to_string(end) +
                               "&endTime=" + std::to_string(start));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(json::parse(r.body)["code"], -1023);
}

TEST_F(BinanceBehaviourTest, KlinesBeginAtTheListing) {
  // SOL's first trade in the model is 2020-04-10: a start before it gets the first klines there are.
  const json from_2019 =
      klines("symbol=SOLUSDT&interval=1d&startTime=" + std::to_string(ms(day("2019-01-01"))) + "&limit=5");
  ASSERT_EQ(from_2019.size(), 5u);
  EXPECT_EQ(from_2019.front()[0], ms(day("2020-04-10")));
  EXPECT_TRUE(klines("symbol=SOLUSDT&interval=1d&startTime=" + std::to_string(ms(day("2019-01-01"))) +
                     "&endTime=" + std::to_string(ms(day("2020-04-09"))))
                  .empty());
}

TEST_F(BinanceBehaviourTest, APairThatStoppedTradingServesItsHistoryUpToItsLastDay) {
  const json last = klines("symbol=LUNAUSDT&interval=1d&limit=3");
  ASSERT_EQ(last.size(), 3u);
  EXPECT_EQ(last.back()[0], ms(day("2022-05-13")));
  EXPECT_TRUE(
      klines("symbol=LUNAUSDT&interval=1d&startTime=" + std::to_string(ms(day("2022-05-14")))).empty());
}

TEST_F(BinanceBehaviourTest, TheKlineInProgressIsPartialAndClosesInTheFuture) {
  const std::int64_t now_ms = sys_seconds{sandbox_->sandbox().now()}.time_since_epoch().count() * 1000;
  const json daily = klines("symbol=BTCUSDT&interval=1d&limit=2");
  ASSERT_EQ(daily.size(), 2u);
  EXPECT_EQ(daily.back()[0], ms(day("2025-02-20")));
  EXPECT_GT(daily.back()[6].get<std::int64_t>(), now_ms);
  EXPECT_LT(daily.front()[6].get<std::int64_t>(), now_ms);
  const json hourly = klines("symbol=BTCUSDT&interval=1h&limit=1");
  EXPECT_EQ(hourly[0][0], now_ms);  // 15:00:00 exactly: the hour just begun
  EXPECT_EQ(hourly[0][4], klines("symbol=BTCUSDT&interval=1m&limit=1")[0][4]) << "the current price";
}

TEST_F(BinanceBehaviourTest, LongerIntervalsGatherTheMinutesFromMidnightUtc) {
  const std::int64_t start = ms(day("2025-02-19")) + 4 * 3'600'000;
  const json hour = klines("symbol=ETHBTC&interval=1h&startTime=" + std::to_string(start) + "&limit=1");
  const json minutes = klines("symbol=ETHBTC&interval=1m&startTime=" + std::to_string(start) + "&limit=60");
  ASSERT_EQ(minutes.size(), 60u);
  EXPECT_EQ(hour[0][1], minutes.front()[1]);
  EXPECT_EQ(hour[0][4], minutes.back()[4]);
  double high = 0, low = 1e300;
  for (const json& m : minutes) {
    high = std::max(high, number(m[2]));
    low = std::min(low, number(m[3]));
  }
  EXPECT_DOUBLE_EQ(number(hour[0][2]), high);
  EXPECT_DOUBLE_EQ(number(hour[0][3]), low);
}

TEST_F(BinanceBehaviourTest, BadParametersGetBinancesErrors) {
  struct Case {
    std::string query;
    int code;
  };
  for (const Case& c : std::vector<Case>{{"interval=1d", -1102},
                                         {"symbol=BTCUSDT", -1102},
                                         {"symbol=FOOUSDT&interval=1d", -1121},
                                         {"symbol=btcusdt&interval=1d", -1121},
                                         {"symbol=BTCUSDT&interval=1w", -1120},
                                         {"symbol=BTCUSDT&interval=7m", -1120},
                                         {"symbol=BTCUSDT&interval=1d&limit=abc", -1100},
                                         {"symbol=BTCUSDT&interval=1d&limit=0", -1130},
                                         {"symbol=BTCUSDT&interval=1d&startTime=-5", -1100}}) {
    SCOPED_TRACE(c.query);
    const auto r = sandbox_->get("/api/v3/klines?" + c.query);
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(json::parse(r.body)["code"], c.code);
  }
}

TEST_F(BinanceBehaviourTest, TickerPricesAreTheCurrentCloseAndOneUnknownSymbolFailsTheCall) {
  const json prices = sandbox_->get_json("/api/v3/ticker/price?symbols=%5B%22ETHUSDT%22,%22BTCUSDT%22%5D");
  ASSERT_EQ(prices.size(), 2u);
  EXPECT_EQ(prices[0]["symbol"], "ETHUSDT");  // in the order asked
  EXPECT_EQ(prices[1]["price"], klines("symbol=BTCUSDT&interval=1d&limit=1")[0][4]);

  auto r = sandbox_->get("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%22NOPEUSDT%22%5D");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, R"({"code":-1121,"msg":"Invalid symbol."})");
  r = sandbox_->get("/api/v3/ticker/price?symbols=BTCUSDT,ETHUSDT");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(json::parse(r.body)["code"], -1100);
  r = sandbox_->get("/api/v3/ticker/price?symbol=BTCUSDT&symbols=%5B%22BTCUSDT%22%5D");
  EXPECT_EQ(json::parse(r.body)["code"], -1128);
  EXPECT_GT(sandbox_->get_json("/api/v3/ticker/price").size(), 400u);  // every pair
}

TEST_F(BinanceBehaviourTest, TheTwentyFourHourTickerCoversTheLastDay) {
  const json t = sandbox_->get_json("/api/v3/ticker/24hr?symbol=BTCUSDT");
  const std::int64_t now_ms = sandbox_->sandbox().now().time_since_epoch().count() * 1000;
  EXPECT_EQ(t["closeTime"], now_ms);
  EXPECT_EQ(t["openTime"], now_ms - kDayMs);
  EXPECT_EQ(t["lastPrice"], klines("symbol=BTCUSDT&interval=1m&limit=1")[0][4]);
  EXPECT_LE(number(t["lowPrice"]), number(t["lastPrice"]));
  EXPECT_GE(number(t["highPrice"]), number(t["openPrice"]));
  EXPECT_EQ(t["count"].get<std::int64_t>(),
            t["lastId"].get<std::int64_t>() - t["firstId"].get<std::int64_t>() + 1);
}

TEST_F(BinanceBehaviourTest, ExchangeInfoListsTheCoinsOnBinanceAndPairsToFilterOut) {
  const json info = sandbox_->get_json("/api/v3/exchangeInfo");
  std::set<std::string> usdt_trading;
  std::map<std::string, std::string> status;
  for (const json& s : info["symbols"]) {
    status[s["symbol"]] = s["status"];
    if (s["quoteAsset"] == "USDT" && s["status"] == "TRADING") usdt_trading.insert(s["baseAsset"]);
  }
  std::set<std::string> on_binance;
  for (const Coin& coin : coin_universe()) {
    if (coin.on_binance) on_binance.insert(coin.symbol);
  }
  EXPECT_EQ(usdt_trading, on_binance);
  EXPECT_EQ(status.at("LUNAUSDT"), "BREAK");
  EXPECT_EQ(status.at("ETHBTC"), "TRADING");
  EXPECT_EQ(status.at("BTCEUR"), "TRADING");
  EXPECT_EQ(status.count("USDTUSDT"), 0u);
  EXPECT_EQ(info["rateLimits"][0]["limit"], 6000);

  const json one = sandbox_->get_json("/api/v3/exchangeInfo?symbol=ETHBTC");
  ASSERT_EQ(one["symbols"].size(), 1u);
  EXPECT_EQ(one["symbols"][0]["baseAsset"], "ETH");
  EXPECT_EQ(one["symbols"][0]["quoteAsset"], "BTC");
  EXPECT_EQ(sandbox_->get("/api/v3/exchangeInfo?symbol=FOOUSDT").status, 400u);
}

TEST_F(BinanceBehaviourTest, APairIsListedOnlyFromItsFirstTradeDay) {
  testing::TestSandbox before_sol(testing::frozen_at("2019-06-01T00:00:00Z"));
  const json info = before_sol.get_json("/api/v3/exchangeInfo");
  std::set<std::string> pairs;
  for (const json& s : info["symbols"])
    pairs.insert(s["symbol"]);
  EXPECT_TRUE(pairs.count("BTCUSDT"));
  EXPECT_FALSE(pairs.count("SOLUSDT"));
  EXPECT_EQ(before_sol.get("/api/v3/klines?symbol=SOLUSDT&interval=1d").status, 400u);
}

TEST_F(BinanceBehaviourTest, EveryAnswerCountsItsDocumentedWeight) {
  wait_for_a_fresh_minute();
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1")), 2u);
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/exchangeInfo")), 22u);
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/ticker/price?symbol=BTCUSDT")), 24u);
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D")),
            28u);
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/ticker/24hr?symbol=BTCUSDT")), 30u);
  std::string list;
  int listed = 0;
  for (const Coin& coin : coin_universe()) {
    if (!coin.on_binance || listed == 21) continue;
    list += std::string(listed++ == 0 ? "" : ",") + "%22" + coin.symbol + "USDT%22";
  }
  const auto many = sandbox_->get("/api/v3/ticker/24hr?symbols=%5B" + list + "%5D");
  EXPECT_EQ(many.status, 200u) << many.body.substr(0, 200);
  EXPECT_EQ(used_weight(many), 70u);  // 21 to 100 symbols: 40
  EXPECT_EQ(used_weight(sandbox_->get("/api/v3/klines?symbol=NOPEUSDT&interval=1d")), 72u)
      << "errors cost too";
  EXPECT_EQ(sandbox_->get_json("/__sandbox/binance/weight")["used"], 72);
}

TEST_F(BinanceBehaviourTest, ACallPastTheWeightLimitIsRefusedUntilTheNextMinute) {
  wait_for_a_fresh_minute();
  sandbox_->post("/__sandbox/binance/weight", R"({"limit":10,"used":0})");
  EXPECT_EQ(sandbox_->get_json("/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1").size(), 1u);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1").status, 200u);
  const auto refused = sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1");
  EXPECT_EQ(refused.status, 429u);
  EXPECT_EQ(json::parse(refused.body)["code"], -1003);
  EXPECT_NE(refused.body.find("current limit is 10 request weight per 1 MINUTE"), std::string::npos);
  EXPECT_EQ(used_weight(refused), 10u);
  const int retry_after = std::stoi(refused.headers.at("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  sandbox_->post("/__sandbox/binance/weight", R"({"used":0})");
  EXPECT_EQ(sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1").status, 200u);
}

TEST_F(BinanceBehaviourTest, ExchangeInfoStatesTheWeightLimitInForce) {
  sandbox_->post("/__sandbox/binance/weight", R"({"limit":1200})");
  EXPECT_EQ(sandbox_->get_json("/api/v3/exchangeInfo")["rateLimits"][0]["limit"], 1200);
  EXPECT_EQ(sandbox_->post("/__sandbox/binance/weight", R"({"limit":0})").status, 400u);
}

TEST_F(BinanceBehaviourTest, FaultsAndTheRateLimiterAnswerWithBinancesBodies) {
  sandbox_->post("/__sandbox/faults", R"([{"route":"binance.klines","kind":"429","retry_after":"7"},)"
                                      R"({"route":"binance","symbol":"ETHUSDT","kind":"unknown_symbol"},)"
                                      R"({"route":"binance.ticker_price","kind":"418","retry_after":"120"},)"
                                      R"({"route":"binance.exchange_info","kind":"503"}])");
  auto r = sandbox_->get("/api/v3/klines?symbol=BTCUSDT&interval=1d");
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(json::parse(r.body)["code"], -1003);
  EXPECT_EQ(r.headers.at("retry-after"), "7");
  EXPECT_TRUE(r.headers.count("x-mbx-used-weight-1m"));
  r = sandbox_->get("/api/v3/klines?symbol=ETHUSDT&interval=1d");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, R"({"code":-1121,"msg":"Invalid symbol."})");
  r = sandbox_->get("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%5D");
  EXPECT_EQ(r.status, 418u);
  EXPECT_NE(r.body.find("IP banned until"), std::string::npos);
  EXPECT_EQ(r.headers.at("retry-after"), "120");
  r = sandbox_->get("/api/v3/exchangeInfo");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(json::parse(r.body)["code"], -1008);

  sandbox_->post("/__sandbox/rate-limits", R"({"route":"binance","per_minute":60,"burst":1})");
  EXPECT_EQ(sandbox_->get("/api/v3/ticker/price?symbol=BTCUSDT").status, 200u);
  r = sandbox_->get("/api/v3/ticker/price?symbol=BTCUSDT");
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(json::parse(r.body)["code"], -1003);
  EXPECT_TRUE(r.headers.count("retry-after"));
  sandbox_->post("/__sandbox/rate-limits", R"({"route":"binance","per_minute":null})");
}

TEST(BinanceWeightMeter, CountsPerWallClockMinute) {
  auto now = sys_seconds{seconds{1'740'000'000 / 60 * 60}} + seconds{45};
  BinanceWeightMeter meter(10, [&now] { return system_clock::time_point{now}; });
  EXPECT_TRUE(meter.charge(6).admitted);
  const auto refused = meter.charge(6);
  EXPECT_FALSE(refused.admitted);
  EXPECT_EQ(refused.used, 6u);
  EXPECT_EQ(refused.retry_after_seconds, 15);
  now += seconds{15};
  const auto next = meter.charge(6);
  EXPECT_TRUE(next.admitted);
  EXPECT_EQ(next.used, 6u);
  EXPECT_THROW(BinanceWeightMeter(0), std::invalid_argument);
}

}  // namespace
}  // namespace pricefeed::sandbox
