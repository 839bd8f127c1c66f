// The commodities plugin against the real sandbox (pricefeed-sandbox as a child process), which
// stamps futures bars at 00:00 New York as Yahoo does: a month of gold across the 2024 switch to
// daylight saving time lands on exactly the sandbox's trading dates and closes.

#include <cmath>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"
#include "tests/plugins/support/SandboxUpstream.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

namespace pricefeed::commodities {
namespace {

using namespace plugins::test;
using nlohmann::json;

class CommoditiesAgainstTheSandbox : public PluginFixture {
 protected:
  void SetUp() override {
    sandbox_ =
        std::make_unique<sandbox::SandboxProcess>(std::vector<std::string>{"--now", "2025-02-18T15:00:00Z"});
    load(COMMODITIES_PLUGIN_PATH, utc_midnight(2025, 2, 18) + 15 * 3600);
    host_->otherwise_by_request(forward_to(*sandbox_));
    instance_ = create(json{{"base_url", sandbox_->base_url()}}.dump());
    ASSERT_NE(instance_, nullptr);
  }

  std::unique_ptr<sandbox::SandboxProcess> sandbox_;
};

TEST_F(CommoditiesAgainstTheSandbox, GoldAcrossTheDaylightSavingSwitchLandsOnTheSandboxesTradingDates) {
  // US clocks went forward on 2024-03-10: bars before are stamped 05:00 UTC, after 04:00 UTC.
  const std::int64_t start = utc_midnight(2024, 3, 1);
  const std::int64_t end = utc_midnight(2024, 3, 30);
  TestCall call;
  ASSERT_EQ(host_->fetch_history(instance_, call, "GOLD", "", PRICEFEED_CLASS_COMMODITY, PRICEFEED_RES_1D,
                                 start, end),
            PRICEFEED_OK)
      << call.last_error();

  const json truth =
      json::parse(sandbox_->get("/__sandbox/truth/GC%3DF?from=2024-03-01&to=2024-03-29").body)["bars"];
  ASSERT_GT(truth.size(), 15u);
  ASSERT_EQ(call.bars.size(), truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    SCOPED_TRACE(truth[i]["date"].get<std::string>());
    const std::string date = truth[i]["date"].get<std::string>();
    const std::int64_t expected =
        utc_midnight(std::stoi(date.substr(0, 4)), static_cast<unsigned>(std::stoi(date.substr(5, 2))),
                     static_cast<unsigned>(std::stoi(date.substr(8, 2))));
    EXPECT_EQ(call.bars[i].ts, expected);
    EXPECT_NEAR(call.bars[i].close, truth[i]["close"].get<double>(), 1e-3 * call.bars[i].close);
  }
}

TEST_F(CommoditiesAgainstTheSandbox, QuotesUnderTheCanonicalNames) {
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"GOLD", "OIL_WTI", "CORN"}, {}, PRICEFEED_CLASS_COMMODITY),
            PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"GOLD", "OIL_WTI", "CORN"}));
  for (const pricefeed_quote& quote : call.quotes)
    EXPECT_GT(quote.price, 0);
}

}  // namespace
}  // namespace pricefeed::commodities
