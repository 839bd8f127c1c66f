// forex.so against the sandbox's Frankfurter and ECB Data Portal (tests/sandbox), both backends: the
// bars are the sandbox's reference rates on its TARGET days, the two backends agree, and the
// sandbox's faults reach the host as the right statuses. The test host's http service forwards every
// request to an in-process sandbox whose clock stands still.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/forex/ForexPluginFixture.hpp"
#include "tests/sandbox/EcbReferenceRates.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::forex::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::ValuesIn;

namespace sb = pricefeed::sandbox;

// Tuesday 2024-06-04 12:00 UTC: Monday's rates are the last published.
constexpr const char* kNow = "2024-06-04T12:00:00Z";

struct Backend {
  const char* name;
  const char* path;  // the API root under the sandbox
};

class ForexAgainstSandbox : public ForexPlugin, public ::testing::WithParamInterface<Backend> {
 protected:
  static void SetUpTestSuite() { sandbox_ = new sb::testing::TestSandbox(sb::testing::frozen_at(kNow)); }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

  void SetUp() override {
    ForexPlugin::SetUp();
    sandbox_->sandbox().reset();
    host_->set_now(sb::parse_instant(kNow)->time_since_epoch().count());
    const std::string origin = "http://127.0.0.1:" + std::to_string(sandbox_->port());
    host_->otherwise([origin](const std::string& url) {
      const sb::HttpResult answer = sandbox_->get(url.substr(origin.size()));
      return CannedAnswer{static_cast<int>(answer.status), answer.body, {}};
    });
    create_ok(config_for(GetParam()));
  }

  std::string config_for(const Backend& backend, const std::string& extra = "") const {
    return std::string(R"({"plugin":"forex","backend":")") + backend.name +
           R"(","base_url":"http://127.0.0.1:)" + std::to_string(sandbox_->port()) + backend.path + "\"" +
           extra + "}";
  }

  // The sandbox's ECB rate of `currency` (X per EUR) on a day.
  static double euro_rate(const std::string& currency, std::int64_t midnight) {
    const sb::EcbReferenceRates ecb(sandbox_->sandbox().model(), sandbox_->sandbox().instruments());
    const auto day = sb::sys_days{std::chrono::days{midnight / kDay}};
    const auto rate = ecb.rate(currency, day, sandbox_->sandbox().now());
    if (!rate) throw std::runtime_error("no ECB rate of " + currency + " on " + sb::iso_date(day));
    return rate->value;
  }
  // The midnights of the TARGET days in [from, to).
  static std::vector<std::int64_t> target_days(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> out;
    for (std::int64_t t = from; t < to; t += kDay) {
      if (sb::EcbReferenceRates::is_fixing_day(sb::sys_days{std::chrono::days{t / kDay}})) out.push_back(t);
    }
    return out;
  }
  static std::vector<std::int64_t> days_of(const TestCall& call) {
    std::vector<std::int64_t> out;
    for (const pricefeed_bar& bar : call.bars)
      out.push_back(bar.ts);
    return out;
  }

  static sb::testing::TestSandbox* sandbox_;
};
sb::testing::TestSandbox* ForexAgainstSandbox::sandbox_ = nullptr;

const Backend kBackends[] = {{"frankfurter", "/v1"}, {"ecb", "/service"}};

TEST_P(ForexAgainstSandbox, EuroPairsAreTheEcbRatesOnTargetDaysWithoutGaps) {
  // Easter 2024 (Good Friday 29 March, Easter Monday 1 April) and 1 May.
  const std::int64_t from = utc_midnight(2024, 3, 25), to = utc_midnight(2024, 5, 6);
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", from, to), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(days_of(call), target_days(from, to));
  EXPECT_THAT(call.unavailable, IsEmpty()) << "closing days are neither unavailable nor gaps";
  for (const pricefeed_bar& bar : call.bars)
    EXPECT_DOUBLE_EQ(bar.close, euro_rate("USD", bar.ts));
  expect_rate_bars(call);
}

TEST_P(ForexAgainstSandbox, InversesAndCrossesFollowFromTheEuroRates) {
  const std::int64_t from = utc_midnight(2024, 1, 2), to = utc_midnight(2024, 2, 1);
  TestCall inverse, cross;
  ASSERT_EQ(history(inverse, "JPYEUR", from, to), PRICEFEED_OK) << inverse.last_error();
  ASSERT_EQ(history(cross, "GBPJPY", from, to), PRICEFEED_OK) << cross.last_error();
  ASSERT_EQ(days_of(cross), target_days(from, to));
  ASSERT_EQ(days_of(inverse), target_days(from, to));
  for (std::size_t i = 0; i < cross.bars.size(); ++i) {
    const double exact_cross = euro_rate("JPY", cross.bars[i].ts) / euro_rate("GBP", cross.bars[i].ts);
    const double exact_inverse = 1 / euro_rate("JPY", inverse.bars[i].ts);
    // Both backends read the euro rates and divide in full precision: the same figures.
    EXPECT_DOUBLE_EQ(cross.bars[i].close, exact_cross);
    EXPECT_DOUBLE_EQ(inverse.bars[i].close, exact_inverse);
  }
}

TEST_P(ForexAgainstSandbox, HistoryBeforeTheEuroIsUnavailableAndTheRestIsServed) {
  TestCall call;
  ASSERT_EQ(history(call, "EURGBP", utc_midnight(1998, 6, 1), utc_midnight(1999, 1, 16)), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, utc_midnight(1998, 6, 1));
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(1999, 1, 4));
  EXPECT_EQ(days_of(call), target_days(utc_midnight(1999, 1, 4), utc_midnight(1999, 1, 16)));
}

TEST_P(ForexAgainstSandbox, AQuarterCenturyBackfillIsEveryFixing) {
  const std::int64_t from = utc_midnight(1999, 1, 1), to = utc_midnight(2024, 6, 4);
  TestCall call;
  ASSERT_EQ(history(call, "EURCHF", from, to), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.bars.size(), target_days(from, to).size());
  EXPECT_EQ(call.requests.size(), 1u);
}

TEST_P(ForexAgainstSandbox, AWeekendHasNoBarsAndNoGap) {
  TestCall call;
  ASSERT_EQ(history(call, "EURUSD", utc_midnight(2024, 6, 1), utc_midnight(2024, 6, 3)), PRICEFEED_OK)
      << call.last_error();
  EXPECT_THAT(call.bars, IsEmpty());
  EXPECT_THAT(call.unavailable, IsEmpty());
}

TEST_P(ForexAgainstSandbox, AnUnknownCurrencyIsNotFound) {
  TestCall call;
  EXPECT_EQ(history(call, "EURXYZ", utc_midnight(2024, 1, 2), utc_midnight(2024, 2, 1)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("XYZ"));
  TestCall cross;
  EXPECT_EQ(history(cross, "XYZUSD", utc_midnight(2024, 1, 2), utc_midnight(2024, 2, 1)),
            PRICEFEED_NOT_FOUND);
}

TEST_P(ForexAgainstSandbox, QuotesAreTheLastPublishedFixing) {
  TestCall call;
  ASSERT_EQ(quotes(call, {"EURUSD", "GBPUSD", "USDJPY", "EURXYZ"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.quotes.size(), 3u);
  const std::int64_t monday = utc_midnight(2024, 6, 3);
  std::map<std::string, double> expected{{"EURUSD", euro_rate("USD", monday)},
                                         {"GBPUSD", euro_rate("USD", monday) / euro_rate("GBP", monday)},
                                         {"USDJPY", euro_rate("JPY", monday) / euro_rate("USD", monday)}};
  for (std::size_t i = 0; i < call.quotes.size(); ++i) {
    const double want = expected.at(call.quote_symbols[i]);
    EXPECT_DOUBLE_EQ(call.quotes[i].price, want) << call.quote_symbols[i];
    EXPECT_EQ(call.quotes[i].ts, monday);
  }
}

TEST_P(ForexAgainstSandbox, CatalogListsEveryEcbCurrencyAgainstTheDollar) {
  TestCall call;
  ASSERT_EQ(catalog(call), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.assets.size(), sb::ecb_currencies().size());  // 30 others and the euro, less the dollar
  bool euro = false;
  for (const auto& text : call.asset_texts) {
    EXPECT_EQ(text.symbol.substr(3), "USD");
    EXPECT_EQ(text.currency, "USD");
    if (text.symbol == "EURUSD") {
      euro = true;
      EXPECT_THAT(text.name, ::testing::AnyOf("Euro / United States Dollar", "Euro / US dollar"));
    }
  }
  EXPECT_TRUE(euro);
}

TEST_P(ForexAgainstSandbox, TheSandboxsFaultsReachTheHostAsTheirStatuses) {
  const std::string family = GetParam().name;
  const std::int64_t from = utc_midnight(2024, 1, 2), to = utc_midnight(2024, 2, 1);
  sandbox_->post("/__sandbox/faults", R"({"route":")" + family + R"(","kind":"503","count":1})");
  TestCall unavailable;
  EXPECT_EQ(history(unavailable, "EURUSD", from, to), PRICEFEED_TRANSIENT);
  EXPECT_THAT(unavailable.last_error(), HasSubstr("answered HTTP 503"));

  sandbox_->post("/__sandbox/faults", R"({"route":")" + family + R"(","kind":"malformed","count":1})");
  TestCall malformed;
  EXPECT_EQ(history(malformed, "EURUSD", from, to), PRICEFEED_TRANSIENT);
  EXPECT_THAT(malformed.last_error(), HasSubstr("does not read"));
  EXPECT_THAT(malformed.bars, IsEmpty());

  TestCall healthy;
  ASSERT_EQ(history(healthy, "EURUSD", from, to), PRICEFEED_OK) << healthy.last_error();
  EXPECT_EQ(days_of(healthy), target_days(from, to));
}

INSTANTIATE_TEST_SUITE_P(Backends, ForexAgainstSandbox, ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace pricefeed::forex::test
