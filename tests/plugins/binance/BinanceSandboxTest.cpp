// binance.so against the sandbox's Binance (tests/sandbox/BinanceRoutes.cpp): pricefeed-sandbox runs as
// a child process and the test host's http service forwards every request to it, so the plugin reads
// the real paging, listings, errors and X-MBX-USED-WEIGHT-1M headers of the wire, and what it stores
// is checked against the sandbox's price model (/__sandbox/truth).

#include <chrono>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"
#include "tests/plugins/support/SandboxUpstream.hpp"
#include "tests/sandbox/CoinUniverse.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

namespace pricefeed::binance {
namespace {

using namespace plugins::test;
using ::testing::HasSubstr;

// The sandbox's clock, and the test host's: Thursday 2025-02-20 15:00 UTC.
const std::int64_t kNow = utc_midnight(2025, 2, 20) + 15 * 3600;

// Weight is counted per wall-clock minute at the sandbox: a test that relies on the count starts early
// in a minute.
void wait_for_a_fresh_minute() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  if (now - floor<minutes>(now) > seconds{45})
    std::this_thread::sleep_until(ceil<minutes>(now) + milliseconds{50});
}

class BinanceAgainstTheSandbox : public PluginFixture {
 protected:
  static void SetUpTestSuite() { sandbox_ = new sandbox::SandboxProcess({"--now", "2025-02-20T15:00:00Z"}); }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

  void SetUp() override {
    sandbox_->reset();
    sandbox_->post("/__sandbox/binance/weight", R"({"limit":6000,"used":0})");
    load(BINANCE_PLUGIN_PATH, kNow);
    host_->otherwise_by_request(forward_to(*sandbox_));
    instance_ = create(R"({"base_url":")" + sandbox_->base_url() + R"(","requests_per_minute":6000})");
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, std::uint32_t resolution,
                           std::int64_t start, std::int64_t end) {
    return host_->fetch_history(instance_, call, symbol, "", PRICEFEED_CLASS_CRYPTO, resolution, start, end);
  }

  static nlohmann::json get_json(const std::string& target) {
    const sandbox::HttpResult r = sandbox_->get(target);
    if (r.status != 200)
      throw std::runtime_error(target + " answered " + std::to_string(r.status) + ": " + r.body);
    return nlohmann::json::parse(r.body);
  }

  // The model's daily bars of an instrument, both dates included: what a correct pipeline stores.
  static nlohmann::json truth(const std::string& instrument, const std::string& from, const std::string& to) {
    return get_json("/__sandbox/truth/" + instrument + "?from=" + from + "&to=" + to)["bars"];
  }

  static sandbox::SandboxProcess* sandbox_;
};
sandbox::SandboxProcess* BinanceAgainstTheSandbox::sandbox_ = nullptr;

TEST_F(BinanceAgainstTheSandbox, ThreeYearsOfDailyBarsArriveInTwoPagesAsTheModelHasThem) {
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2021, 1, 1), utc_midnight(2024, 1, 1)),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 3u);  // exchangeInfo, then 1000 + 95 klines
  const auto expected = truth("BTC-USDT", "2021-01-01", "2023-12-31");
  ASSERT_EQ(call.bars.size(), expected.size());
  ASSERT_EQ(call.bars.size(), 1095u);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const nlohmann::json& bar = expected[i];
    EXPECT_EQ(call.bars[i].ts, bar["ts"].get<std::int64_t>()) << i;  // 00:00 UTC
    // BTC-USDT prices have two decimals; the model keeps them as float32.
    EXPECT_NEAR(call.bars[i].open, bar["open"].get<double>(), 0.005) << i;
    EXPECT_NEAR(call.bars[i].high, bar["high"].get<double>(), 0.005) << i;
    EXPECT_NEAR(call.bars[i].low, bar["low"].get<double>(), 0.005) << i;
    EXPECT_NEAR(call.bars[i].close, bar["close"].get<double>(), 0.005) << i;
    EXPECT_GT(call.bars[i].volume, 0) << i;
  }
  EXPECT_TRUE(call.unavailable.empty());
}

TEST_F(BinanceAgainstTheSandbox, DaysBeforeTheListingAreUnavailableAndTheOpenDayIsNotStored) {
  TestCall sol;
  ASSERT_EQ(history(sol, "SOL", PRICEFEED_RES_1D, utc_midnight(2020, 1, 1), utc_midnight(2020, 5, 1)),
            PRICEFEED_OK)
      << sol.last_error();
  ASSERT_EQ(sol.unavailable.size(), 1u);
  EXPECT_EQ(sol.unavailable[0].start, utc_midnight(2020, 1, 1));
  EXPECT_EQ(sol.unavailable[0].end, utc_midnight(2020, 4, 10));
  EXPECT_THAT(sol.unavailable[0].reason, HasSubstr("not listed yet"));
  ASSERT_EQ(sol.bars.size(), 21u);
  EXPECT_EQ(sol.bars.front().ts, utc_midnight(2020, 4, 10));

  TestCall recent;
  ASSERT_EQ(history(recent, "ETH", PRICEFEED_RES_1D, utc_midnight(2025, 2, 15), utc_midnight(2025, 2, 22)),
            PRICEFEED_OK)
      << recent.last_error();
  ASSERT_EQ(recent.bars.size(), 5u);  // 15 to 19 February; the 20th is still open at 15:00
  EXPECT_EQ(recent.bars.back().ts, utc_midnight(2025, 2, 19));
}

TEST_F(BinanceAgainstTheSandbox, HourlyBarsKeepTheirOpenInstants) {
  TestCall call;
  const std::int64_t start = utc_midnight(2025, 1, 1);  // 50 days: ends before now
  ASSERT_EQ(history(call, "ETH/BTC", PRICEFEED_RES_1H, start, start + 1200 * 3600), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.bars.size(), 1200u);
  for (std::size_t i = 0; i < call.bars.size(); ++i) {
    EXPECT_EQ(call.bars[i].ts, start + static_cast<std::int64_t>(i) * 3600) << i;
  }
}

TEST_F(BinanceAgainstTheSandbox, AnUnknownCoinIsNotFound) {
  TestCall call;
  EXPECT_EQ(history(call, "NOSUCHCOIN", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("-1121"));
}

TEST_F(BinanceAgainstTheSandbox, QuotesOfManyCoinsTakeOneCallAndSkipWhatBinanceDoesNotTrade) {
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"BTC", "ETH", "ETH/BTC", "XMR", "LUNA", "FOO"}, {},
                                PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);  // exchangeInfo and one ticker/price
  EXPECT_THAT(call.requests[1].url, HasSubstr("/api/v3/ticker/price?symbols=%5B"));
  ASSERT_EQ(call.quote_symbols, (std::vector<std::string>{"BTC", "ETH/BTC", "ETH"}));
  const nlohmann::json btc = get_json("/api/v3/ticker/price?symbol=BTCUSDT");
  EXPECT_DOUBLE_EQ(call.quotes[0].price, std::stod(btc["price"].get<std::string>()));
  EXPECT_EQ(call.quote_currencies, (std::vector<std::string>{"USDT", "BTC", "USDT"}));
}

TEST_F(BinanceAgainstTheSandbox, TheCatalogIsEveryCoinBinanceTradesAgainstUsdt) {
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK) << call.last_error();
  std::set<std::string> listed, expected;
  for (const auto& asset : call.asset_texts)
    listed.insert(asset.symbol);
  for (const sandbox::Coin& coin : sandbox::coin_universe()) {
    if (coin.on_binance) expected.insert(coin.symbol);
  }
  EXPECT_EQ(listed, expected);
  EXPECT_FALSE(listed.count("LUNA"));  // BREAK

  TestCall resolve;
  ASSERT_EQ(host_->resolve_symbol(instance_, resolve, "DOGE", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK);
  EXPECT_EQ(resolve.resolved_id, "DOGEUSDT");
}

TEST_F(BinanceAgainstTheSandbox, ThePluginStopsAtTheWeightLimitBeforeBinanceRefusesIt) {
  wait_for_a_fresh_minute();
  sandbox_->post("/__sandbox/binance/weight", R"({"limit":30,"used":0})");
  TestCall call;
  const std::int64_t start = utc_midnight(2024, 1, 1);
  // 300 days of hourly bars: 8 pages. exchangeInfo (20) and five pages (10) spend the 30.
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1H, start, start + 300 * 86400), PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(call.requests.size(), 6u);
  EXPECT_EQ(call.bars.size(), 5000u);
  EXPECT_EQ(call.retry_after_ms, 61'000);  // 15:00:00 on the host's clock: the next minute, plus a second
  EXPECT_THAT(call.last_error(), HasSubstr("30 of the 30 request weight"));
  const nlohmann::json stats = nlohmann::json::parse(sandbox_->stats());
  EXPECT_FALSE(stats["routes"]["binance.klines"]["status"].contains("429")) << stats.dump();
  sandbox_->post("/__sandbox/binance/weight", R"({"limit":6000,"used":0})");
}

TEST_F(BinanceAgainstTheSandbox, ABrokenAnswerIsTransientAndStoresNothing) {
  sandbox_->post("/__sandbox/faults", R"({"route":"binance.klines","kind":"malformed"})");
  TestCall call;
  EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1)),
            PRICEFEED_TRANSIENT);
  EXPECT_TRUE(call.bars.empty());
  EXPECT_THAT(call.last_error(), HasSubstr("not Binance's klines JSON"));
}

}  // namespace
}  // namespace pricefeed::binance
