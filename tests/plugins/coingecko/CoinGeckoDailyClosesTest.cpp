// A daily point at 00:00 UTC of D is D-1's close; the trailing "now" point is dropped.

#include <cmath>

#include <gtest/gtest.h>

#include "coingecko/CoinGeckoDailyCloses.hpp"
#include "coingecko/CoinGeckoMarketChartParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::coingecko {
namespace {

using plugins::test::read_fixture;
using plugins::test::utc_midnight;

TEST(CoinGeckoDailyCloses, EachMidnightPointClosesTheDayBefore) {
  const CoinGeckoDailyCloses closes = daily_closes(
      parse_market_chart(read_fixture("coingecko", "alephium-market_chart-alephium-btc-daily.json")));
  // Points at 00:00 of 2023-12-09 .. 2023-12-13, then 2023-12-13 14:15:09 ("now").
  ASSERT_EQ(closes.bars.size(), 5u);
  EXPECT_TRUE(closes.trailing_point_dropped);
  EXPECT_EQ(closes.intraday_points, 0u);
  EXPECT_EQ(closes.bars.front().ts, utc_midnight(2023, 12, 8));
  EXPECT_DOUBLE_EQ(closes.bars.front().close, 1.6446899669484214e-05);
  EXPECT_DOUBLE_EQ(closes.bars.front().volume, 37.05462537510952);
  EXPECT_EQ(closes.bars.back().ts, utc_midnight(2023, 12, 12));
  EXPECT_DOUBLE_EQ(closes.bars.back().close, 2.007992246841523e-05);
  EXPECT_DOUBLE_EQ(closes.bars.back().volume, 50.43927040460545);
  for (const Bar& bar : closes.bars) {
    EXPECT_TRUE(std::isnan(bar.open));
    EXPECT_TRUE(std::isnan(bar.high));
    EXPECT_TRUE(std::isnan(bar.low));
    EXPECT_TRUE(std::isnan(bar.adj_close));
    EXPECT_EQ(bar.ts % 86400, 0);
  }
}

TEST(CoinGeckoDailyCloses, IntradayPointsAreNotCloses) {
  // The official examples are 5-minutely: no daily close in them, and the last point is "now".
  for (const char* name : {"oas-example-market-chart.json", "oas-example-market-chart-range.json"}) {
    SCOPED_TRACE(name);
    const CoinGeckoDailyCloses closes = daily_closes(parse_market_chart(read_fixture("coingecko", name)));
    EXPECT_TRUE(closes.bars.empty());
    EXPECT_EQ(closes.intraday_points, 1u);
    EXPECT_TRUE(closes.trailing_point_dropped);
  }
}

TEST(CoinGeckoDailyCloses, NullPricesGiveNoBarAndMissingVolumesAreAbsent) {
  CoinGeckoMarketChart chart;
  const std::int64_t d2 = utc_midnight(2024, 3, 2) * 1000, d3 = utc_midnight(2024, 3, 3) * 1000;
  chart.prices = {{d2, kAbsent}, {d3, 64000.5}};
  chart.total_volumes = {{d2, 1.0}};
  const CoinGeckoDailyCloses closes = daily_closes(chart);
  ASSERT_EQ(closes.bars.size(), 1u);
  EXPECT_EQ(closes.bars[0].ts, utc_midnight(2024, 3, 2));
  EXPECT_DOUBLE_EQ(closes.bars[0].close, 64000.5);
  EXPECT_TRUE(std::isnan(closes.bars[0].volume));
  EXPECT_FALSE(closes.trailing_point_dropped);
}

TEST(CoinGeckoDailyCloses, ARepeatedDayKeepsTheLaterPointAndBarsAscend) {
  CoinGeckoMarketChart chart;
  const std::int64_t d5 = utc_midnight(2024, 3, 5) * 1000, d4 = utc_midnight(2024, 3, 4) * 1000;
  chart.prices = {{d5, 1.0}, {d4, 2.0}, {d5, 3.0}};
  const CoinGeckoDailyCloses closes = daily_closes(chart);
  ASSERT_EQ(closes.bars.size(), 2u);
  EXPECT_EQ(closes.bars[0].ts, utc_midnight(2024, 3, 3));
  EXPECT_DOUBLE_EQ(closes.bars[1].close, 3.0);
}

TEST(CoinGeckoDailyCloses, DaysBefore1970AreDatedRight) {
  CoinGeckoMarketChart chart;
  chart.prices = {{-86400000, 1.0}};  // 1969-12-31 00:00 closes 1969-12-30
  const CoinGeckoDailyCloses closes = daily_closes(chart);
  ASSERT_EQ(closes.bars.size(), 1u);
  EXPECT_EQ(closes.bars[0].ts, -2 * 86400);
}

}  // namespace
}  // namespace pricefeed::coingecko
