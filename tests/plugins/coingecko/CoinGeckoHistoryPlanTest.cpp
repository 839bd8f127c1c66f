// One asked range -> at most one market_chart/range request that CoinGecko answers with daily points,
// within the public API's 365-day window.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "coingecko/CoinGeckoHistoryPlan.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::utc_midnight;
using ::testing::HasSubstr;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;
// 2025-02-20 15:00 UTC.
const std::int64_t kNow = utc_midnight(2025, 2, 20) + 15 * kHour;

TEST(CoinGeckoHistoryPlan, AYearBackIsClippedToTheServedWindowAndTheRestIsUnavailable) {
  const std::int64_t start = utc_midnight(2024, 2, 20);
  const std::int64_t end = utc_midnight(2025, 2, 21);
  const CoinGeckoHistoryPlan plan = plan_history(start, end, kNow, 365);
  // 364 days before now is 2024-02-22 15:00: the first point asked is 2024-02-23 00:00, the close of
  // 2024-02-22.
  ASSERT_TRUE(plan.unavailable);
  EXPECT_EQ(plan.unavailable->start, start);
  EXPECT_EQ(plan.unavailable->end, utc_midnight(2024, 2, 22));
  EXPECT_THAT(plan.unavailable->reason, HasSubstr("past 365 days"));
  EXPECT_THAT(plan.unavailable->reason, HasSubstr("10012"));
  EXPECT_EQ(plan.first_bar, utc_midnight(2024, 2, 22));
  ASSERT_TRUE(plan.request);
  EXPECT_EQ(plan.request->from, utc_midnight(2024, 2, 23));
  EXPECT_EQ(plan.request->to, kNow);
  EXPECT_GE(plan.request->from, kNow - 365 * kDay) << "CoinGecko's own limit";
}

TEST(CoinGeckoHistoryPlan, AShortRangeIsWidenedToMoreThan90DaysForDailyPoints) {
  const std::int64_t start = utc_midnight(2025, 2, 10);
  const std::int64_t end = utc_midnight(2025, 2, 13);
  const CoinGeckoHistoryPlan plan = plan_history(start, end, kNow, 365);
  EXPECT_FALSE(plan.unavailable);
  ASSERT_TRUE(plan.request);
  // Bars of 02-10 .. 02-12 need the points of 02-11 .. 02-13 00:00.
  EXPECT_EQ(plan.request->to, utc_midnight(2025, 2, 13) + kHour);
  EXPECT_GT(plan.request->to - plan.request->from, 90 * kDay);
  EXPECT_LT(plan.request->from, utc_midnight(2025, 2, 11));
  EXPECT_EQ(plan.first_bar, start);
  EXPECT_EQ(plan.end, end);
}

TEST(CoinGeckoHistoryPlan, NearTheWindowsEdgeTheRangeWidensForwardsInstead) {
  // The first served point is 2024-02-23 00:00; asking a week from there cannot widen backwards.
  const std::int64_t start = utc_midnight(2024, 2, 22);
  const std::int64_t end = utc_midnight(2024, 3, 1);
  const CoinGeckoHistoryPlan plan = plan_history(start, end, kNow, 365);
  EXPECT_FALSE(plan.unavailable);
  ASSERT_TRUE(plan.request);
  EXPECT_EQ(plan.request->from, utc_midnight(2024, 2, 23));
  EXPECT_GT(plan.request->to - plan.request->from, 90 * kDay);
  EXPECT_LE(plan.request->to, kNow);
}

TEST(CoinGeckoHistoryPlan, ARangeWhollyBeforeTheWindowAsksNothing) {
  const CoinGeckoHistoryPlan plan =
      plan_history(utc_midnight(2020, 1, 1), utc_midnight(2021, 1, 1), kNow, 365);
  ASSERT_TRUE(plan.unavailable);
  EXPECT_EQ(plan.unavailable->start, utc_midnight(2020, 1, 1));
  EXPECT_EQ(plan.unavailable->end, utc_midnight(2021, 1, 1));
  EXPECT_FALSE(plan.request);
}

TEST(CoinGeckoHistoryPlan, WithoutALimitAnyPastRangeIsAsked) {
  const CoinGeckoHistoryPlan plan = plan_history(utc_midnight(2020, 1, 1), utc_midnight(2021, 1, 1), kNow, 0);
  EXPECT_FALSE(plan.unavailable);
  ASSERT_TRUE(plan.request);
  EXPECT_EQ(plan.request->from, utc_midnight(2020, 1, 2) - kHour);
  EXPECT_EQ(plan.request->to, utc_midnight(2021, 1, 1) + kHour);
}

TEST(CoinGeckoHistoryPlan, TodayAndLaterCostNoRequest) {
  // Today's close is not known until tomorrow's first point.
  const CoinGeckoHistoryPlan today =
      plan_history(utc_midnight(2025, 2, 20), utc_midnight(2025, 2, 21), kNow, 365);
  EXPECT_FALSE(today.request);
  EXPECT_FALSE(today.unavailable);
  const CoinGeckoHistoryPlan future =
      plan_history(utc_midnight(2025, 3, 1), utc_midnight(2025, 4, 1), kNow, 365);
  EXPECT_FALSE(future.request);
  // Yesterday is complete: its close is today's midnight point.
  const CoinGeckoHistoryPlan yesterday =
      plan_history(utc_midnight(2025, 2, 19), utc_midnight(2025, 2, 20), kNow, 365);
  ASSERT_TRUE(yesterday.request);
  EXPECT_EQ(yesterday.request->to, utc_midnight(2025, 2, 20) + kHour);
}

TEST(CoinGeckoHistoryPlan, AnEmptyOrPartialDayRangeAsksNothing) {
  EXPECT_FALSE(plan_history(utc_midnight(2025, 1, 5), utc_midnight(2025, 1, 5), kNow, 365).request);
  // No midnight in [start, end): no daily bar can be in it.
  EXPECT_FALSE(plan_history(utc_midnight(2025, 1, 5) + kHour, utc_midnight(2025, 1, 5) + 5 * kHour, kNow, 365)
                   .request);
  // A start inside a day begins at the next midnight.
  EXPECT_EQ(plan_history(utc_midnight(2025, 1, 5) + kHour, utc_midnight(2025, 1, 9), kNow, 365).first_bar,
            utc_midnight(2025, 1, 6));
}

TEST(CoinGeckoHistoryPlan, AShortConfiguredLimitStillAsksWithinIt) {
  const CoinGeckoHistoryPlan plan =
      plan_history(utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 20), kNow, 30);
  ASSERT_TRUE(plan.unavailable);
  EXPECT_THAT(plan.unavailable->reason, HasSubstr("past 30 days"));
  ASSERT_TRUE(plan.request);
  EXPECT_GE(plan.request->from, kNow - 30 * kDay);
  EXPECT_EQ(plan.request->to, kNow);
}

}  // namespace
}  // namespace pricefeed::coingecko
