#include "host/ratelimit/RetryAfter.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 1994-11-06T08:49:07Z: thirty seconds before the RFC's example date.
const system_clock::time_point kNow = sys_days{1994y / November / 6} + 8h + 49min + 7s;

TEST(RetryAfter, RetryAfterAcceptsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("120", kNow), 120s);
  EXPECT_EQ(parse_retry_after("0", kNow), 0s);
  EXPECT_EQ(parse_retry_after("  7\t", kNow), 7s);
}

TEST(RetryAfter, RetryAfterAcceptsHttpDate) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kNow), 30s);
}

TEST(RetryAfter, RetryAfterAcceptsObsoleteRfc850Date) {
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", kNow), 30s);
}

TEST(RetryAfter, RetryAfterAcceptsAsctimeDate) {
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", kNow), 30s);
  EXPECT_EQ(parse_retry_after("Sun Nov 16 08:49:37 1994", kNow), days{10} + 30s);
}

TEST(RetryAfter, RetryAfterDateInThePastMeansRetryNow) {
  EXPECT_EQ(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", kNow), 0s);
}

TEST(RetryAfter, RetryAfterRoundsPartialSecondsUp) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kNow + 250ms), 30s);
}

TEST(RetryAfter, RetryAfterRejectsNegativeFractionalAndGarbage) {
  for (const char* value : {"", "   ", "-5", "+5", "1.5", "5s", "soon", "0x10",
                            "Sun, 06 Nov 1994 08:49:37 PST",  // HTTP-dates are always GMT
                            "Sun, 31 Nov 1994 08:49:37 GMT",  // no such day
                            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT trailing"}) {
    EXPECT_EQ(parse_retry_after(value, kNow), std::nullopt) << '"' << value << '"';
  }
}

TEST(RetryAfter, RetryAfterClampsHugeDeltasInsteadOfOverflowing) {
  EXPECT_EQ(parse_retry_after("99999999999999999999999999", kNow), kLongestRetryAfter);
  const auto far = parse_retry_after("99999999999999999999999999", kNow);
  ASSERT_TRUE(far.has_value());
  EXPECT_GT(kNow + *far, kNow);
}

TEST(RetryAfter, RetryAfterDefaultIsFiveMinutes) {
  EXPECT_EQ(kDefaultRetryAfter, 5min);
}

TEST(RetryAfter, RetryAfterTwoDigitYearsNearTheCenturyTurnStayInThePast) {
  // In 2001, "99" is 1999 (two years ago), not 2099.
  const system_clock::time_point in_2001 = sys_days{2001y / January / 1};
  EXPECT_EQ(parse_retry_after("Friday, 31-Dec-99 23:59:59 GMT", in_2001), 0s);
}

}  // namespace
}  // namespace pricefeed::host
