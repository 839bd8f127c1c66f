// The CoinGecko answers have the recorded answers' shapes (tests/fixtures/coingecko), key for key and
// type for type, and the recorded error bodies word for word.
#include <gtest/gtest.h>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::fixture_json;
using testing::join;
using testing::structure_differences;

// Where the recorded daily series was taken: 2023-12-13 14:15:09 UTC, its trailing "now" point.
class CoinGeckoFormatTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("1702476909"); }

  static void ExpectSameShape(const json& expected, const json& actual, const std::string& what) {
    const auto diff = structure_differences(expected, actual);
    EXPECT_TRUE(diff.empty()) << what << ":\n" << join(diff) << actual.dump().substr(0, 2000);
  }
  static std::vector<std::int64_t> Times(const json& series) {
    std::vector<std::int64_t> out;
    for (const json& pair : series)
      out.push_back(pair[0].get<std::int64_t>());
    return out;
  }
};

TEST_F(CoinGeckoFormatTest, DailyMarketChartHasTheRecordedShapeAndTimestamps) {
  const json expected = fixture_json("coingecko/alephium-market_chart-alephium-btc-daily.json");
  const json actual =
      sandbox_->get_json("/api/v3/coins/alephium/market_chart?vs_currency=btc&days=5&interval=daily");
  ExpectSameShape(expected, actual, "market_chart daily");
  // Five midnights and the trailing "now" point, exactly as recorded.
  for (const char* series : {"prices", "market_caps", "total_volumes"}) {
    EXPECT_EQ(Times(actual[series]), Times(expected[series])) << series;
  }
}

TEST_F(CoinGeckoFormatTest, RangeAndChartAnswersHaveTheOfficialExamplesShapes) {
  ExpectSameShape(
      fixture_json("coingecko/oas-example-market-chart-range.json"),
      sandbox_->get_json("/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd&from=1702390509"
                         "&to=1702476909"),
      "market_chart/range");
  ExpectSameShape(fixture_json("coingecko/oas-example-market-chart.json"),
                  sandbox_->get_json("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=1"),
                  "market_chart");
}

TEST_F(CoinGeckoFormatTest, SimplePriceHasTheOfficialExamplesKeys) {
  ExpectSameShape(
      fixture_json("coingecko/oas-example-simple-price.json"),
      sandbox_->get_json("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_market_cap=true"
                         "&include_24hr_vol=true&include_24hr_change=true&include_last_updated_at=true"),
      "simple/price");
}

TEST_F(CoinGeckoFormatTest, SimplePriceInBitcoinHasTheRecordedShapeForTheCoinsItKnows) {
  const json expected = fixture_json("coingecko/alephium-simple-price-btc.json");
  std::string ids;
  for (const auto& [id, value] : expected.items())
    ids += (ids.empty() ? "" : ",") + id;
  const json actual = sandbox_->get_json("/api/v3/simple/price?ids=" + ids + "&vs_currencies=btc");
  // The universe has no ayin, dai or weth: unknown ids are left out, as CoinGecko does.
  for (const char* id : {"alephium", "tether", "usd-coin", "wrapped-bitcoin"}) {
    if (!actual.contains(id)) continue;
    ExpectSameShape(expected[id], actual[id], id);
  }
  EXPECT_TRUE(actual.contains("alephium"));
  EXPECT_TRUE(actual.contains("tether"));
  EXPECT_FALSE(actual.contains("ayin"));
}

TEST_F(CoinGeckoFormatTest, CoinsListHasTheOfficialExamplesKeys) {
  const json expected = fixture_json("coingecko/oas-example-coins-list-include_platform.json");
  const json actual = sandbox_->get_json("/api/v3/coins/list?include_platform=true");
  ASSERT_FALSE(actual.empty());
  // Platforms (contract addresses per chain) are not modelled: an empty object for every coin.
  json expected_coin = expected[0];
  expected_coin["platforms"] = json::object();
  for (const json& coin : actual)
    ExpectSameShape(expected_coin, coin, coin.value("id", "?"));
  json bare = expected[0];
  bare.erase("platforms");
  ExpectSameShape(bare, sandbox_->get_json("/api/v3/coins/list")[0], "without include_platform");
}

TEST_F(CoinGeckoFormatTest, CoinsMarketsHasTheOfficialExamplesKeys) {
  const json expected = fixture_json("coingecko/oas-example-coins-markets.json");
  const json actual = sandbox_->get_json(
      "/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=5&page=1&sparkline=true"
      "&price_change_percentage=1h,24h,7d,14d,30d,200d,1y");
  ASSERT_EQ(actual.size(), 5u);
  ExpectSameShape(expected, actual, "coins/markets");
  // Without the options, neither the sparkline nor the percentages are sent.
  const json plain = sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&per_page=1");
  EXPECT_FALSE(plain[0].contains("sparkline_in_7d"));
  EXPECT_FALSE(plain[0].contains("price_change_percentage_1h_in_currency"));
  EXPECT_TRUE(plain[0]["roi"].is_null());
}

TEST_F(CoinGeckoFormatTest, ErrorBodiesAreTheRecordedOnes) {
  const auto unknown = sandbox_->get(
      "/api/v3/coins/no-such-coin/market_chart/range?vs_currency=usd&from=1700000000"
      "&to=1702000000");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(json::parse(unknown.body), fixture_json("coingecko/error-404-coin-not-found.json"));

  const auto too_old =
      sandbox_->get("/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd&from=1600000000&to=1702000000");
  EXPECT_EQ(too_old.status, 401u);  // as recorded
  const json recorded = fixture_json("coingecko/error-10012-range-exceeds-365d.json");
  ExpectSameShape(recorded, json::parse(too_old.body), "10012");
  EXPECT_EQ(json::parse(too_old.body)["error"]["status"]["error_message"],
            recorded["error"]["status"]["error_message"]);
}

TEST(CoinGeckoRateLimitFormat, TheRateLimitAnswersTheRecorded429Body) {
  SandboxOptions options = testing::frozen_at("2025-02-20T15:00:00Z");
  options.rate_limits = {"coingecko=60/min,burst=1"};
  testing::TestSandbox sandbox(options);
  EXPECT_EQ(sandbox.get("/api/v3/coins/list").status, 200u);
  const auto limited = sandbox.get("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");
  EXPECT_EQ(limited.status, 429u);
  EXPECT_EQ(limited.headers.at("retry-after"), "1");
  EXPECT_EQ(json::parse(limited.body), fixture_json("coingecko/error-429-rate-limit.json"));
}

}  // namespace
}  // namespace pricefeed::sandbox
