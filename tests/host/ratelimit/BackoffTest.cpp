#include "host/ratelimit/Backoff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

TEST(Backoff, BackoffDoublesFromTheBase) {
  EXPECT_EQ(backoff_delay(5, 1), 5min);
  EXPECT_EQ(backoff_delay(5, 2), 10min);
  EXPECT_EQ(backoff_delay(5, 3), 20min);
  EXPECT_EQ(backoff_delay(5, 4), 40min);
  EXPECT_EQ(backoff_delay(1, 5), 16min);
}

TEST(Backoff, BackoffTreatsAttemptsBelowOneAsTheFirst) {
  EXPECT_EQ(backoff_delay(5, 0), 5min);
  EXPECT_EQ(backoff_delay(5, -3), 5min);
}

TEST(Backoff, BackoffSaturatesInsteadOfOverflowing) {
  constexpr auto huge = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(backoff_delay(5, 1000), kLongestBackoff);
  EXPECT_EQ(backoff_delay(5, huge), kLongestBackoff);
  EXPECT_EQ(backoff_delay(huge, 1), kLongestBackoff);
  EXPECT_EQ(backoff_delay(huge, huge), kLongestBackoff);
}

TEST(Backoff, BackoffWithANonPositiveBaseIsImmediate) {
  EXPECT_EQ(backoff_delay(0, 4), 0min);
  EXPECT_EQ(backoff_delay(-5, 2), 0min);
}

}  // namespace
}  // namespace pricefeed::host
