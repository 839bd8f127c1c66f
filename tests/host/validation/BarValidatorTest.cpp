// Each check a bar passes before it is written (docs/queue-and-writing.md, "The write path") on its own, with
// a fixed clock.
#include <cmath>
#include <cstdint>
#include <set>
#include <string_view>

#include <gtest/gtest.h>

#include "host/validation/BarValidator.hpp"

namespace pricefeed::host {
namespace {

// 2024-03-15T12:00:00Z
constexpr std::int64_t kNow = 1710504000;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kTodayMidnight = kNow - 12 * 3600;

BarValidator daily() {
  return BarValidator(Resolution::day, [] { return kNow; });
}
BarValidator hourly() {
  return BarValidator(Resolution::hour, [] { return kNow; });
}

Bar good_bar() {
  Bar bar;
  bar.ts = kTodayMidnight - kDay;
  bar.open = 10.0;
  bar.high = 12.0;
  bar.low = 9.0;
  bar.close = 11.0;
  bar.adj_close = 10.5;
  bar.volume = 1000.0;
  return bar;
}

TEST(BarValidator, AcceptsACompleteConsistentBar) {
  EXPECT_EQ(daily().check(good_bar()), std::nullopt);
}

TEST(BarValidator, AcceptsACloseOnlyBar) {
  Bar bar;
  bar.ts = kTodayMidnight;
  bar.close = 42.0;
  EXPECT_EQ(daily().check(bar), std::nullopt);
}

TEST(BarValidator, RejectsAMissingClose) {
  Bar bar = good_bar();
  bar.close = kAbsent;
  EXPECT_EQ(daily().check(bar), BarRejection::close_missing);
}

TEST(BarValidator, RejectsEachNonPositivePrice) {
  struct Case {
    double Bar::*field;
    BarRejection expected;
  };
  for (const Case& c :
       {Case{&Bar::open, BarRejection::open_not_positive}, Case{&Bar::high, BarRejection::high_not_positive},
        Case{&Bar::low, BarRejection::low_not_positive}, Case{&Bar::close, BarRejection::close_not_positive},
        Case{&Bar::adj_close, BarRejection::adj_close_not_positive}}) {
    for (const double bad : {0.0, -1.0}) {
      Bar bar = good_bar();
      bar.*c.field = bad;
      EXPECT_EQ(daily().check(bar), c.expected) << describe(c.expected) << " with " << bad;
    }
  }
}

TEST(BarValidator, RejectsANegativeVolumeButAcceptsZeroAndAbsent) {
  Bar bar = good_bar();
  bar.volume = -0.5;
  EXPECT_EQ(daily().check(bar), BarRejection::volume_negative);
  bar.volume = 0.0;
  EXPECT_EQ(daily().check(bar), std::nullopt);
  bar.volume = kAbsent;
  EXPECT_EQ(daily().check(bar), std::nullopt);
}

TEST(BarValidator, RejectsInfiniteValues) {
  Bar bar = good_bar();
  bar.volume = INFINITY;
  EXPECT_EQ(daily().check(bar), BarRejection::value_not_finite);
  bar = good_bar();
  bar.high = INFINITY;
  EXPECT_EQ(daily().check(bar), BarRejection::value_not_finite);
}

TEST(BarValidator, RejectsLowAboveOpen) {
  Bar bar = good_bar();
  bar.low = 10.5;  // open 10
  EXPECT_EQ(daily().check(bar), BarRejection::low_above_open);
}

TEST(BarValidator, RejectsLowAboveClose) {
  Bar bar = good_bar();
  bar.open = kAbsent;
  bar.low = 11.5;  // close 11
  EXPECT_EQ(daily().check(bar), BarRejection::low_above_close);
}

TEST(BarValidator, RejectsOpenAboveHigh) {
  Bar bar = good_bar();
  bar.open = 12.5;  // high 12
  EXPECT_EQ(daily().check(bar), BarRejection::open_above_high);
}

TEST(BarValidator, RejectsCloseAboveHigh) {
  Bar bar = good_bar();
  bar.close = 12.5;  // high 12
  EXPECT_EQ(daily().check(bar), BarRejection::close_above_high);
}

TEST(BarValidator, ComparesOnlyValuesThatArePresent) {
  Bar bar = good_bar();
  bar.high = kAbsent;
  bar.low = kAbsent;
  bar.close = 1000.0;  // far above the absent high: nothing to compare with
  EXPECT_EQ(daily().check(bar), std::nullopt);
}

TEST(BarValidator, AcceptsEqualOpenHighLowClose) {
  Bar bar = good_bar();
  bar.open = bar.high = bar.low = bar.close = 5.0;
  EXPECT_EQ(daily().check(bar), std::nullopt);
}

TEST(BarValidator, DailyBarOfADateAlreadyBegunSomewhereIsNotInTheFuture) {
  // At 12:00 UTC it is already tomorrow in UTC+14 (02:00): tomorrow's bar may exist, e.g. in Auckland.
  Bar bar = good_bar();
  bar.ts = kTodayMidnight + kDay;
  EXPECT_EQ(daily().check(bar), std::nullopt);
  bar.ts = kTodayMidnight + 2 * kDay;
  EXPECT_EQ(daily().check(bar), BarRejection::timestamp_in_future);
}

TEST(BarValidator, DailyBarOfTomorrowIsInTheFutureEarlyInTheUtcDay) {
  // At 09:00 UTC it is 23:00 in UTC+14: no exchange has reached tomorrow yet.
  const BarValidator validator(Resolution::day, [] { return kTodayMidnight + 9 * 3600; });
  Bar bar = good_bar();
  bar.ts = kTodayMidnight + kDay;
  EXPECT_EQ(validator.check(bar), BarRejection::timestamp_in_future);
  bar.ts = kTodayMidnight;
  EXPECT_EQ(validator.check(bar), std::nullopt);
}

TEST(BarValidator, IntradayBarAfterNowIsInTheFuture) {
  Bar bar = good_bar();
  bar.ts = kNow;
  EXPECT_EQ(hourly().check(bar), std::nullopt);
  bar.ts = kNow + 3600;
  EXPECT_EQ(hourly().check(bar), BarRejection::timestamp_in_future);
}

TEST(BarValidator, IntradayBarToleratesASmallClockSkew) {
  Bar bar = good_bar();
  bar.ts = kNow + kIntradayClockSkewAllowance.count();
  EXPECT_EQ(hourly().check(bar), std::nullopt);
  bar.ts += 1;
  EXPECT_EQ(hourly().check(bar), BarRejection::timestamp_in_future);
}

TEST(BarValidator, RejectsATimestampBefore1900) {
  Bar bar = good_bar();
  bar.ts = -2208988801;  // 1899-12-31T23:59:59Z
  EXPECT_EQ(daily().check(bar), BarRejection::timestamp_out_of_range);
  bar.ts = -2208988800;  // 1900-01-01T00:00:00Z
  EXPECT_EQ(daily().check(bar), std::nullopt);
}

TEST(BarValidator, ReadsTheClockForEveryBar) {
  std::int64_t now = kTodayMidnight + 9 * 3600;
  const BarValidator validator(Resolution::day, [&now] { return now; });
  Bar bar = good_bar();
  bar.ts = kTodayMidnight + kDay;
  EXPECT_EQ(validator.check(bar), BarRejection::timestamp_in_future);
  now += 3 * 3600;
  EXPECT_EQ(validator.check(bar), std::nullopt);
}

TEST(BarValidator, RejectsADailyBarNotAtMidnightUtc) {
  // An hourly or session-stamped bar handed over as a daily one: it would be a second row of that date.
  Bar bar = good_bar();
  bar.ts += 14 * 3600 + 30 * 60;
  EXPECT_EQ(daily().check(bar), BarRejection::daily_not_at_midnight);
  bar.ts = -2208988800 + 3600;  // before 1970 too
  EXPECT_EQ(daily().check(bar), BarRejection::daily_not_at_midnight);
  bar.ts = -2208988800 + 10 * kDay;
  EXPECT_EQ(daily().check(bar), std::nullopt);
  bar.ts = kTodayMidnight - kDay + 14 * 3600 + 30 * 60;
  EXPECT_EQ(hourly().check(bar), std::nullopt) << "intraday bars keep their real open instant";
}

TEST(BarValidator, RejectsAnIntradayBarBetweenMinutes) {
  // A tick or a seconds bar handed over as hourly or minute data: no session opens between minutes.
  Bar bar = good_bar();
  bar.ts = kTodayMidnight - kDay + 14 * 3600 + 30 * 60 + 1;
  EXPECT_EQ(hourly().check(bar), BarRejection::finer_than_resolution);
  bar.ts = -2208988800 + 3600 + 59;  // before 1970, where % is negative
  EXPECT_EQ(hourly().check(bar), BarRejection::finer_than_resolution);
  bar.ts = kTodayMidnight - kDay + 9 * 3600 + 15 * 60;  // 09:15, Mumbai's hourly bars
  EXPECT_EQ(hourly().check(bar), std::nullopt);
}

TEST(BarValidator, RejectsABarOutsideTheRequestedRange) {
  const RequestedRange range{kTodayMidnight - 10 * kDay, kTodayMidnight - 5 * kDay};
  const BarValidator validator(
      Resolution::day, [] { return kNow; }, range);
  Bar bar = good_bar();
  bar.ts = range.start;
  EXPECT_EQ(validator.check(bar), std::nullopt) << "start is inclusive";
  bar.ts = range.end - kDay;
  EXPECT_EQ(validator.check(bar), std::nullopt);
  bar.ts = range.end;
  EXPECT_EQ(validator.check(bar), BarRejection::outside_requested_range) << "end is exclusive";
  bar.ts = range.start - kDay;
  EXPECT_EQ(validator.check(bar), BarRejection::outside_requested_range);
  EXPECT_EQ(daily().check(bar), std::nullopt) << "no range asked: only the other rules";
}

TEST(BarValidator, ARangeHoldsOneBarPerDayHourOrMinuteItSpans) {
  const RequestedRange week{kTodayMidnight - 7 * kDay, kTodayMidnight};
  EXPECT_EQ(bars_range_can_hold(Resolution::day, week), 7);
  EXPECT_EQ(bars_range_can_hold(Resolution::hour, week), 7 * 24);
  EXPECT_EQ(bars_range_can_hold(Resolution::minute, week), 7 * 24 * 60);
  EXPECT_EQ(bars_range_can_hold(Resolution::hour, {0, 5400}), 2) << "a part of an hour holds a bar";
  EXPECT_EQ(bars_range_can_hold(Resolution::day, {kDay, kDay}), 0);
  EXPECT_EQ(bars_range_can_hold(Resolution::day, {kDay, 0}), 0);
}

TEST(BarRejectionCounts, CountsPerReasonAndInTotal) {
  BarRejectionCounts counts;
  counts.add(BarRejection::close_missing);
  counts.add(BarRejection::close_missing);
  counts.add(BarRejection::low_above_close, 3);
  EXPECT_EQ(counts.count(BarRejection::close_missing), 2);
  EXPECT_EQ(counts.count(BarRejection::low_above_close), 3);
  EXPECT_EQ(counts.count(BarRejection::volume_negative), 0);
  EXPECT_EQ(counts.total(), 5);

  BarRejectionCounts more;
  more.add(BarRejection::volume_negative);
  counts += more;
  EXPECT_EQ(counts.total(), 6);
}

TEST(BarRejection, EveryReasonHasItsOwnText) {
  std::set<std::string_view> texts;
  for (const BarRejection rejection : all_bar_rejections())
    texts.insert(describe(rejection));
  EXPECT_EQ(texts.size(), kBarRejectionCount);
  EXPECT_EQ(describe(BarRejection::close_missing), "close missing");
  EXPECT_EQ(describe(BarRejection::low_above_close), "low above close");
}

}  // namespace
}  // namespace pricefeed::host
