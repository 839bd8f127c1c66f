// Yahoo's range limits turned into requests.

#include "yahoo-api/YahooRangePlan.hpp"

#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::yahoo {
namespace {

constexpr std::int64_t kDay = 86400;
const std::int64_t kNow = plugins::test::utc_midnight(2025, 3, 1) + 12 * 3600 + 17;  // not on a minute

TEST(YahooRangePlan, DailyIsOneWidenedRequest) {
  const std::int64_t start = plugins::test::utc_midnight(2000, 1, 1);
  const std::int64_t end = plugins::test::utc_midnight(2025, 1, 1);
  const YahooRangePlan plan = plan_chart_requests(Resolution::day, start, end, kNow);
  EXPECT_FALSE(plan.unavailable);
  ASSERT_EQ(plan.requests.size(), 1u);
  EXPECT_EQ(plan.requests[0].start, start);
  EXPECT_EQ(plan.requests[0].end, end);
  EXPECT_EQ(plan.requests[0].period1, start - kDay);
  EXPECT_EQ(plan.requests[0].period2, end + kDay);
}

TEST(YahooRangePlan, MinuteWindowStartsOnAWholeMinute) {
  const YahooRangePlan plan = plan_chart_requests(Resolution::minute, kNow - 60 * kDay, kNow, kNow);
  ASSERT_TRUE(plan.unavailable);
  EXPECT_EQ(plan.unavailable->end % 60, 0);
  EXPECT_GE(plan.unavailable->end, kNow - 29 * kDay);
  EXPECT_LT(plan.unavailable->end, kNow - 29 * kDay + 60);
  ASSERT_FALSE(plan.requests.empty());
  EXPECT_EQ(plan.requests.front().start, plan.unavailable->end);
  EXPECT_EQ(plan.requests.back().end, kNow);
  for (std::size_t i = 0; i < plan.requests.size(); ++i) {
    const ChartRequestWindow& w = plan.requests[i];
    EXPECT_LE(w.period2 - w.period1, 7 * kDay);
    EXPECT_EQ(w.period1, w.start);
    EXPECT_EQ(w.period2, w.end);
    if (i > 0) {
      EXPECT_EQ(plan.requests[i - 1].end, w.start);
    }
  }
}

TEST(YahooRangePlan, MinuteRangeInsideTheWindowHasNoGap) {
  const YahooRangePlan plan = plan_chart_requests(Resolution::minute, kNow - 3 * kDay, kNow - kDay, kNow);
  EXPECT_FALSE(plan.unavailable);
  ASSERT_EQ(plan.requests.size(), 1u);
  EXPECT_EQ(plan.requests[0].period1, kNow - 3 * kDay);
  EXPECT_EQ(plan.requests[0].period2, kNow - kDay);
}

TEST(YahooRangePlan, FutureAndEmptyRangesCostNothing) {
  EXPECT_TRUE(plan_chart_requests(Resolution::hour, kNow + kDay, kNow + 2 * kDay, kNow).requests.empty());
  EXPECT_TRUE(plan_chart_requests(Resolution::day, kNow, kNow, kNow).requests.empty());
}

TEST(YahooRangePlan, IntervalNames) {
  EXPECT_STREQ(yahoo_interval(Resolution::day), "1d");
  EXPECT_STREQ(yahoo_interval(Resolution::hour), "1h");
  EXPECT_STREQ(yahoo_interval(Resolution::minute), "1m");
}

}  // namespace
}  // namespace pricefeed::yahoo
