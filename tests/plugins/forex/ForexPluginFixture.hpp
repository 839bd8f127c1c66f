#pragma once

// forex.so loaded through its real C ABI, with a test host whose http service answers canned bodies.
// Shared by the tests of both backends.

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::forex::test {

using namespace plugins::test;

inline constexpr std::int64_t kDay = 86400;

class ForexPlugin : public PluginFixture {
 protected:
  // Tuesday 2024-06-04 12:00 UTC.
  const std::int64_t now_ = utc_midnight(2024, 6, 4) + 12 * 3600;

  void SetUp() override { load(FOREX_PLUGIN_PATH, now_); }

  // An instance of `config` becomes the one the test calls.
  void create_ok(const std::string& config) {
    instance_ = create(config);
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, std::int64_t start, std::int64_t end,
                           const std::string& source_id = "") {
    const pricefeed_status status = host_->fetch_history(instance_, call, symbol, source_id,
                                                         PRICEFEED_CLASS_FOREX, PRICEFEED_RES_1D, start, end);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }
  pricefeed_status quotes(TestCall& call, const std::vector<std::string>& symbols) {
    const pricefeed_status status = host_->fetch_quotes(instance_, call, symbols, {}, PRICEFEED_CLASS_FOREX);
    EXPECT_EQ(call.responses_released, call.responses.size());
    return status;
  }
  pricefeed_status catalog(TestCall& call, std::uint32_t classes = PRICEFEED_CLASS_FOREX) {
    const pricefeed_status status = host_->list_assets(instance_, call, classes);
    EXPECT_EQ(call.responses_released, call.responses.size());
    return status;
  }

  static std::vector<std::string> urls(const TestCall& call) {
    std::vector<std::string> out;
    for (const RecordedRequest& r : call.requests)
      out.push_back(r.url);
    return out;
  }
  // Every bar a rate: close only, keyed at midnight.
  static void expect_rate_bars(const TestCall& call) {
    for (const pricefeed_bar& bar : call.bars) {
      EXPECT_EQ(bar.ts % kDay, 0) << bar.ts;
      EXPECT_GT(bar.close, 0);
      EXPECT_TRUE(std::isnan(bar.open) && std::isnan(bar.high) && std::isnan(bar.low) &&
                  std::isnan(bar.adj_close) && std::isnan(bar.volume))
          << "a fixing has no open, high, low or volume: absent, never 0";
    }
  }
};

}  // namespace pricefeed::forex::test
