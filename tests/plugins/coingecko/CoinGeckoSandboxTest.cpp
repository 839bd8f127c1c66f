// coingecko.so against the sandbox's CoinGecko: the shared test host forwards every request of the
// plugin, headers included, to a running pricefeed-sandbox, so the plugin's reading of the wire format
// and the sandbox's writing of it are checked against each other and against the price model's truth
// (computed here by a Sandbox with the same options).

#include <cmath>
#include <map>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"
#include "tests/plugins/support/SandboxUpstream.hpp"
#include "tests/sandbox/CoinUniverse.hpp"
#include "tests/sandbox/Sandbox.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

namespace pricefeed::coingecko {
namespace {

using namespace plugins::test;
using ::testing::HasSubstr;

class CoinGeckoAgainstTheSandbox : public PluginFixture {
 protected:
  static constexpr const char* kNow = "2025-02-20T15:00:00Z";

  void SetUp() override {
    sandbox_ = std::make_unique<sandbox::SandboxProcess>(std::vector<std::string>{"--now", kNow});
    sandbox::SandboxOptions same;
    same.now = sandbox::parse_instant(kNow);
    model_ = std::make_unique<sandbox::Sandbox>(same);
    now_ = model_->now().time_since_epoch().count();
    load(COINGECKO_PLUGIN_PATH, now_);
    host_->otherwise_by_request(forward_to(*sandbox_));
    base_url_ = sandbox_->base_url() + "/api/v3";
    instance_ = create_with("");
  }

  // An instance against the sandbox, with `extra` members in its configuration.
  pricefeed_instance_plugin_owned* create_with(const std::string& extra) {
    return create(R"({"base_url":")" + base_url_ + "\"" + (extra.empty() ? "" : "," + extra) + "}");
  }

  // The model's daily bars of an instrument, by ts.
  std::map<std::int64_t, sandbox::Bar> truth(const std::string& instrument, const std::string& from,
                                             const std::string& to) {
    const sandbox::Sandbox& sb = *model_;
    std::map<std::int64_t, sandbox::Bar> out;
    for (const auto& bar :
         sb.model().daily_bars(*sb.instruments().find(instrument), *sandbox::parse_iso_date(from),
                               *sandbox::parse_iso_date(to), sb.now())) {
      out[std::chrono::sys_seconds(bar.day).time_since_epoch().count()] = bar;
    }
    return out;
  }

  std::unique_ptr<sandbox::SandboxProcess> sandbox_;
  std::unique_ptr<sandbox::Sandbox> model_;  // the same model, for the truth
  std::int64_t now_ = 0;
  std::string base_url_;
};

TEST_F(CoinGeckoAgainstTheSandbox, AYearOfDailyClosesIsTheModelsWithinTheServedWindow) {
  const std::int64_t start = utc_midnight(2024, 2, 1);
  const std::int64_t end = utc_midnight(2025, 2, 21);
  TestCall call;
  ASSERT_EQ(host_->fetch_history(instance_, call, "BTC", "bitcoin", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 start, end),
            PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.requests.size(), 1u) << "no 10012: the plugin stays inside the sandbox's 365 days";
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(2024, 2, 22));

  const auto model = truth("BTC-USD", "2024-02-22", "2025-02-19");
  ASSERT_EQ(call.bars.size(), model.size());
  for (const pricefeed_bar& bar : call.bars) {
    const auto it = model.find(bar.ts);
    ASSERT_NE(it, model.end()) << bar.ts;
    EXPECT_EQ(bar.close, it->second.close) << bar.ts;
    EXPECT_EQ(bar.volume, static_cast<double>(it->second.volume)) << bar.ts;
    EXPECT_TRUE(std::isnan(bar.open));
  }
  EXPECT_EQ(call.bars.back().ts, utc_midnight(2025, 2, 19)) << "yesterday is the last complete day";
}

TEST_F(CoinGeckoAgainstTheSandbox, AShortRangeOfARecentWeekIsDailyToo) {
  TestCall call;
  ASSERT_EQ(host_->fetch_history(instance_, call, "ETH", "ethereum", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 utc_midnight(2025, 2, 10), utc_midnight(2025, 2, 17)),
            PRICEFEED_OK)
      << call.last_error();
  const auto model = truth("ETH-USD", "2025-02-10", "2025-02-16");
  ASSERT_EQ(call.bars.size(), 7u);
  for (const pricefeed_bar& bar : call.bars)
    EXPECT_EQ(bar.close, model.at(bar.ts).close);
  EXPECT_TRUE(call.logs.empty()) << "no intraday points were dropped: " << call.logs.front();
}

TEST_F(CoinGeckoAgainstTheSandbox, TickersResolveThroughTheSandboxsCoinList) {
  TestCall call;
  ASSERT_EQ(host_->fetch_history(instance_, call, "ALPH", "", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 utc_midnight(2025, 2, 1), utc_midnight(2025, 2, 3)),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);
  EXPECT_THAT(call.requests[0].url, HasSubstr("/coins/list"));
  EXPECT_THAT(call.requests[1].url, HasSubstr("/coins/alephium/market_chart/range"));
  const auto model = truth("ALPH-USD", "2025-02-01", "2025-02-02");
  ASSERT_EQ(call.bars.size(), 2u);
  EXPECT_EQ(call.bars[1].close, model.at(utc_midnight(2025, 2, 2)).close);
}

TEST_F(CoinGeckoAgainstTheSandbox, TheCatalogIsTheUniversesTop500) {
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.requests.size(), 2u);
  ASSERT_EQ(call.assets.size(), 500u);
  const auto& universe = sandbox::coin_universe();
  for (std::size_t i = 0; i < call.assets.size(); ++i) {
    EXPECT_EQ(call.asset_texts[i].symbol, universe[i].symbol);
    EXPECT_EQ(call.asset_texts[i].source_id, universe[i].id);
    EXPECT_EQ(call.assets[i].rank, universe[i].rank);
  }
}

TEST_F(CoinGeckoAgainstTheSandbox, QuotesAreTheModelsPricesNow) {
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"BTC", "ETH", "GONE"}, {"bitcoin", "ethereum", "gone-coin"},
                                PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.quotes.size(), 2u);
  const auto& sb = *model_;
  EXPECT_EQ(call.quotes[0].price, sb.model().snapshot(*sb.instruments().find("BTC-USD"), sb.now()).price);
  EXPECT_EQ(call.quotes[1].price, sb.model().snapshot(*sb.instruments().find("ETH-USD"), sb.now()).price);
  EXPECT_EQ(call.quotes[0].ts, now_ - now_ % 60);
  EXPECT_GT(call.quotes[0].volume, 0);
}

TEST_F(CoinGeckoAgainstTheSandbox, AMisjudgedLimitMeetsThe10012AnswerAndEndsUnavailable) {
  auto* unlimited = create_with(R"("history_limit_days":0)");
  TestCall call;
  ASSERT_EQ(host_->fetch_history(unlimited, call, "BTC", "bitcoin", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 utc_midnight(2023, 1, 1), utc_midnight(2023, 6, 1)),
            PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.requests.size(), 1u);
  EXPECT_TRUE(call.bars.empty());
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("10012"));
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(2023, 6, 1));
}

TEST_F(CoinGeckoAgainstTheSandbox, KeysReachTheSandboxAndAProKeyLiftsTheLimit) {
  auto* demo = create_with(R"("api_key":"CG-demo-key")");
  TestCall demo_call;
  ASSERT_EQ(host_->fetch_history(demo, demo_call, "BTC", "bitcoin", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 utc_midnight(2023, 1, 1), utc_midnight(2023, 2, 1)),
            PRICEFEED_OK);
  EXPECT_TRUE(demo_call.requests.empty()) << "a demo key keeps the 365-day window: nothing to ask";
  ASSERT_EQ(demo_call.unavailable.size(), 1u);

  auto* pro = create_with(R"("api_plan":"pro","api_key":"CG-pro-key")");
  TestCall pro_call;
  ASSERT_EQ(host_->fetch_history(pro, pro_call, "BTC", "bitcoin", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                 utc_midnight(2023, 1, 1), utc_midnight(2023, 2, 1)),
            PRICEFEED_OK)
      << pro_call.last_error();
  ASSERT_EQ(pro_call.requests.size(), 1u);
  EXPECT_EQ(pro_call.requests[0].header("x-cg-pro-api-key"), "CG-pro-key");
  EXPECT_TRUE(pro_call.unavailable.empty());
  const auto model = truth("BTC-USD", "2023-01-01", "2023-01-31");
  ASSERT_EQ(pro_call.bars.size(), 31u);
  for (const pricefeed_bar& bar : pro_call.bars)
    EXPECT_EQ(bar.close, model.at(bar.ts).close);
}

}  // namespace
}  // namespace pricefeed::coingecko
