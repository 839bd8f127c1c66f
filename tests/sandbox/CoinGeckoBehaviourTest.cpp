// What the CoinGecko routes serve: the price model's values, CoinGecko's granularity and limits, the
// coin universe, keys, faults.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/sandbox/CoinUniverse.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::day;
using namespace std::chrono;

constexpr std::int64_t kDayMs = 86400000;

class CoinGeckoBehaviourTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-20T15:00:00Z"); }

  static std::int64_t now() { return sandbox_->sandbox().now().time_since_epoch().count(); }
  static std::string range(const std::string& id, std::int64_t from, std::int64_t to,
                           const std::string& extra = "") {
    return "/api/v3/coins/" + id + "/market_chart/range?vs_currency=usd&from=" + std::to_string(from) +
           "&to=" + std::to_string(to) + extra;
  }
  static std::int64_t midnight(const std::string& iso) {
    return sys_seconds{day(iso)}.time_since_epoch().count();
  }
};

TEST_F(CoinGeckoBehaviourTest, DailyPointsCarryTheModelsCloseOfTheDayBefore) {
  const json chart = sandbox_->get_json(range("bitcoin", midnight("2024-09-01"), now()));
  auto& sb = sandbox_->sandbox();
  const auto in = *sb.instruments().find("BTC-USD");
  const auto truth = sb.model().daily_bars(in, day("2024-08-31"), day("2025-02-19"), sb.now());
  const json& prices = chart["prices"];
  // 2024-09-01 .. 2025-02-20 at midnight, then now.
  ASSERT_EQ(prices.size(), truth.size() + 1);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const std::int64_t t = prices[i][0].get<std::int64_t>();
    EXPECT_EQ(t % kDayMs, 0);
    EXPECT_EQ(t, (sys_seconds{truth[i].day + days{1}}).time_since_epoch().count() * 1000);
    EXPECT_EQ(prices[i][1].get<double>(), truth[i].close);
    EXPECT_EQ(chart["total_volumes"][i][1].get<double>(), static_cast<double>(truth[i].volume));
  }
  EXPECT_EQ(prices.back()[0].get<std::int64_t>(), now() * 1000) << "the trailing now point";
  EXPECT_EQ(prices.back()[1].get<double>(), sb.model().snapshot(in, sb.now()).price);
  const Coin* btc = find_coin_by_id("bitcoin");
  EXPECT_DOUBLE_EQ(chart["market_caps"][0][1].get<double>(), truth[0].close * btc->circulating_supply);
}

TEST_F(CoinGeckoBehaviourTest, TheTruthEndpointGivesTheClosesARangeServes) {
  const json truth = sandbox_->get_json("/__sandbox/truth/BTC-USD?from=2025-01-01&to=2025-01-10");
  const json chart = sandbox_->get_json(range("bitcoin", midnight("2024-10-01"), midnight("2025-01-11")));
  std::map<std::int64_t, double> close_at;
  for (const json& p : chart["prices"])
    close_at[p[0].get<std::int64_t>()] = p[1].get<double>();
  ASSERT_EQ(truth["bars"].size(), 10u);
  for (const json& bar : truth["bars"]) {
    const std::int64_t next_midnight = (bar["ts"].get<std::int64_t>() + 86400) * 1000;
    ASSERT_TRUE(close_at.count(next_midnight)) << bar["date"];
    EXPECT_EQ(close_at[next_midnight], bar["close"].get<double>()) << bar["date"];
  }
}

TEST_F(CoinGeckoBehaviourTest, GranularityFollowsTheRangesLengthUnlessDailyIsAsked) {
  auto steps = [](const json& chart) {
    std::set<std::int64_t> out;
    const json& p = chart["prices"];
    for (std::size_t i = 1; i + 1 < p.size(); ++i)
      out.insert(p[i][0].get<std::int64_t>() - p[i - 1][0].get<std::int64_t>());
    return out;
  };
  EXPECT_EQ(steps(sandbox_->get_json(range("ethereum", now() - 86400, now()))),
            std::set<std::int64_t>{300000});
  EXPECT_EQ(steps(sandbox_->get_json(range("ethereum", now() - 30 * 86400, now()))),
            std::set<std::int64_t>{3600000});
  EXPECT_EQ(steps(sandbox_->get_json(range("ethereum", midnight("2024-12-01"), midnight("2024-12-02")))),
            std::set<std::int64_t>{3600000})
      << "one day away from now is hourly";
  EXPECT_EQ(steps(sandbox_->get_json(range("ethereum", now() - 120 * 86400, now()))),
            std::set<std::int64_t>{kDayMs});
  const json daily = sandbox_->get_json(
      range("ethereum", midnight("2025-02-01"), midnight("2025-02-10"), "&interval=daily"));
  EXPECT_EQ(steps(daily), std::set<std::int64_t>{kDayMs});
  EXPECT_EQ(daily["prices"].size(), 10u) << "both ends inclusive, no now point in a past range";
  EXPECT_EQ(daily["prices"].back()[0].get<std::int64_t>(), midnight("2025-02-10") * 1000);
}

TEST_F(CoinGeckoBehaviourTest, HourlyPointsCloseTheHourBeforeThemAndVolumesCoverADay) {
  auto& sb = sandbox_->sandbox();
  const auto in = *sb.instruments().find("ETH-USD");
  const json chart = sandbox_->get_json(range("ethereum", midnight("2025-02-10"), midnight("2025-02-12")));
  const auto hours_ = sb.model().intraday_bars(in, 60, day("2025-02-09"), day("2025-02-11"), sb.now());
  std::map<std::int64_t, std::pair<double, double>> by_end;  // end ms -> close, volume
  for (const auto& b : hours_) {
    by_end[(b.ts.time_since_epoch().count() + 3600) * 1000] = {b.close, static_cast<double>(b.volume)};
  }
  const json& p = chart["prices"];
  ASSERT_EQ(p.size(), 49u);
  const std::int64_t t = p[24][0].get<std::int64_t>();
  EXPECT_EQ(p[24][1].get<double>(), by_end.at(t).first);
  double day_volume = 0;
  for (std::int64_t e = t - 23 * 3600000; e <= t; e += 3600000)
    day_volume += by_end.at(e).second;
  EXPECT_DOUBLE_EQ(chart["total_volumes"][24][1].get<double>(), day_volume);
}

TEST_F(CoinGeckoBehaviourTest, The365DayLimitAppliesWithoutAProKey) {
  const std::string old = range("bitcoin", now() - 400 * 86400, now() - 300 * 86400);
  EXPECT_EQ(sandbox_->get(old).status, 401u);
  EXPECT_EQ(sandbox_->get(old, {{"x-cg-demo-api-key", "CG-demo"}}).status, 401u);
  const auto pro = sandbox_->get(old, {{"x-cg-pro-api-key", "CG-pro"}});
  EXPECT_EQ(pro.status, 200u);
  EXPECT_EQ(json::parse(pro.body)["prices"].size(), 100u);
  EXPECT_EQ(sandbox_->get(range("bitcoin", now() - 364 * 86400, now())).status, 200u);
  EXPECT_EQ(sandbox_->get("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=max").status, 401u);
  EXPECT_EQ(sandbox_->get("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=366").status, 401u);
  EXPECT_EQ(
      sandbox_
          ->get("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=max", {{"x-cg-pro-api-key", "k"}})
          .status,
      200u);
}

TEST_F(CoinGeckoBehaviourTest, EnterpriseIntervalsNeedAProKey) {
  const std::string hourly = range("bitcoin", now() - 200 * 86400, now(), "&interval=hourly");
  const auto refused = sandbox_->get(hourly);
  EXPECT_EQ(refused.status, 401u);
  EXPECT_EQ(json::parse(refused.body)["status"]["error_code"], 10005);
  EXPECT_EQ(sandbox_->get(hourly, {{"x-cg-pro-api-key", "k"}}).status, 200u);
  EXPECT_EQ(sandbox_->get(range("bitcoin", now() - 86400, now(), "&interval=weekly")).status, 400u);
}

TEST_F(CoinGeckoBehaviourTest, BadParametersAreRefusedClearly) {
  for (const std::string& target : {
           std::string("/api/v3/coins/bitcoin/market_chart/range?vs_currency=xyz&from=1&to=2"),
           std::string("/api/v3/coins/bitcoin/market_chart/range?from=1&to=2"),
           std::string("/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd&from=abc&to=2"),
           std::string("/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd&to=2"),
           range("bitcoin", now(), now() - 10),
           std::string("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=0"),
           std::string("/api/v3/coins/bitcoin/market_chart?vs_currency=usd"),
           std::string("/api/v3/simple/price?vs_currencies=usd"),
           std::string("/api/v3/coins/markets"),
           std::string("/api/v3/coins/markets?vs_currency=usd&order=volume_sideways"),
       }) {
    const auto r = sandbox_->get(target);
    EXPECT_EQ(r.status, 400u) << target;
    EXPECT_TRUE(json::parse(r.body).contains("error")) << target << " " << r.body;
  }
}

TEST_F(CoinGeckoBehaviourTest, IsoDatesAndOtherCurrenciesAreServed) {
  auto& sb = sandbox_->sandbox();
  const json eur = sandbox_->get_json(
      "/api/v3/coins/bitcoin/market_chart/range?vs_currency=EUR&from=2024-10-01&to=2025-01-10T00:00");
  const auto in = *sb.instruments().find("BTC-EUR");
  const auto truth = sb.model().daily_bars(in, day("2025-01-08"), day("2025-01-08"), sb.now());
  ASSERT_EQ(truth.size(), 1u);
  EXPECT_EQ(eur["prices"].back()[0].get<std::int64_t>(), midnight("2025-01-09") * 1000 + 86400000);
  EXPECT_EQ(eur["prices"][eur["prices"].size() - 2][1].get<double>(), truth[0].close);
}

TEST_F(CoinGeckoBehaviourTest, SimplePriceIsTheModelsPriceNowAndLeavesUnknownIdsOut) {
  auto& sb = sandbox_->sandbox();
  const json body = sandbox_->get_json(
      "/api/v3/simple/"
      "price?ids=bitcoin,no-such-coin,ETHEREUM&vs_currencies=usd,eur,xyz&include_last_updated_at=true"
      "&include_24hr_vol=true");
  ASSERT_EQ(body.size(), 2u);
  EXPECT_EQ(body["bitcoin"]["usd"].get<double>(),
            sb.model().snapshot(*sb.instruments().find("BTC-USD"), sb.now()).price);
  EXPECT_EQ(body["bitcoin"]["eur"].get<double>(),
            sb.model().snapshot(*sb.instruments().find("BTC-EUR"), sb.now()).price);
  EXPECT_FALSE(body["bitcoin"].contains("xyz"));
  EXPECT_GT(body["ethereum"]["usd_24h_vol"].get<double>(), 0);
  EXPECT_EQ(body["bitcoin"]["last_updated_at"], now() - now() % 60);
  EXPECT_FALSE(body["bitcoin"].contains("usd_market_cap"));
}

TEST_F(CoinGeckoBehaviourTest, CoinsListIsTheWholeUniverseById) {
  const json list = sandbox_->get_json("/api/v3/coins/list");
  ASSERT_EQ(list.size(), kCoinCount);
  std::string previous;
  for (const json& coin : list) {
    EXPECT_LT(previous, coin["id"].get<std::string>());
    previous = coin["id"];
    const std::string symbol = coin["symbol"];
    EXPECT_EQ(symbol.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << symbol;
  }
}

TEST_F(CoinGeckoBehaviourTest, MarketsPagesAreTheUniverseByRank) {
  std::set<std::string> ids;
  for (int page = 1; page <= 2; ++page) {
    const json coins =
        sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=" +
                           std::to_string(page));
    ASSERT_EQ(coins.size(), 250u);
    for (std::size_t i = 0; i < coins.size(); ++i) {
      EXPECT_EQ(coins[i]["market_cap_rank"], static_cast<int>((page - 1) * 250 + i + 1));
      ids.insert(coins[i]["id"]);
    }
  }
  EXPECT_EQ(ids.size(), 500u);
  EXPECT_EQ(sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&per_page=250&page=3").size(), 100u);
  EXPECT_TRUE(sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&per_page=250&page=4").empty());
  const json first = sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&per_page=1");
  EXPECT_EQ(first[0]["id"], "bitcoin");
  EXPECT_EQ(first[0]["symbol"], "btc");
  const json some = sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&ids=alephium,bitcoin,nope");
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(some[0]["id"], "bitcoin") << "by market cap, whatever the order of ids";
  EXPECT_EQ(sandbox_->get_json("/api/v3/coins/markets?vs_currency=usd&per_page=1000").size(), 250u);
}

TEST_F(CoinGeckoBehaviourTest, FaultsCanNameACoinByIdOrTicker) {
  sandbox_->post("/__sandbox/faults", R"({"route":"coingecko","symbol":"BTC","kind":"503","count":-1})");
  EXPECT_EQ(sandbox_->get(range("bitcoin", now() - 86400, now())).status, 503u);
  EXPECT_EQ(sandbox_->get("/api/v3/simple/price?ids=ethereum,bitcoin&vs_currencies=usd").status, 503u);
  EXPECT_EQ(sandbox_->get(range("ethereum", now() - 86400, now())).status, 200u);
  sandbox_->post("/__sandbox/reset");
  sandbox_->post("/__sandbox/faults",
                 R"({"route":"coingecko.market_chart_range","symbol":"ethereum","kind":"unknown_symbol"})");
  const auto unknown = sandbox_->get(range("ethereum", now() - 86400, now()));
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(unknown.body, R"({"error":"coin not found"})");
  sandbox_->post("/__sandbox/reset");
}

TEST(CoinGeckoListing, ACoinHasNoPointsBeforeItsFirstTrade) {
  // Solana's first trade in the model is 2020-04-10: a range across it starts there.
  SandboxOptions options = testing::frozen_at("2020-06-01T12:00:00Z");
  testing::TestSandbox sandbox(options);
  const json chart = sandbox.get_json(
      "/api/v3/coins/solana/market_chart/range?vs_currency=usd&from=1577836800&to=1590969600");
  ASSERT_FALSE(chart["prices"].empty());
  EXPECT_EQ(chart["prices"][0][0].get<std::int64_t>(),
            (sys_seconds{day("2020-04-11")}).time_since_epoch().count() * 1000);
}

}  // namespace
}  // namespace pricefeed::sandbox
