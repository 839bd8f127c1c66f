#include "host/plugins/SourceCallStreak.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kNoon{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} +
                                                  12h};

TEST(SourceCallStreak, TransientAndPermanentAnswersLengthenTheRunAndOkEndsIt) {
  SourceCallStreak streak;
  for (std::uint64_t i = 0; i < kSourceFailingAfter; ++i)
    streak.record(i % 2 == 0 ? PRICEFEED_TRANSIENT : PRICEFEED_PERMANENT, "HTTP 503", kNoon + i * 1min);
  EXPECT_TRUE(streak.snapshot().failing());
  EXPECT_EQ(streak.snapshot().last_failure_at, kNoon + (kSourceFailingAfter - 1) * 1min);

  streak.record(PRICEFEED_OK, "", kNoon + 1h);
  const SourceCallRecord after = streak.snapshot();
  EXPECT_EQ(after.consecutive_failures, 0u);
  EXPECT_FALSE(after.failing());
  EXPECT_EQ(after.last_success_at, kNoon + 1h);
  EXPECT_EQ(after.last_failure, "HTTP 503");  // the last failure is still on record
}

TEST(SourceCallStreak, AnswersThatSayNothingAboutTheSourcesHealthLeaveTheRunAlone) {
  SourceCallStreak streak;
  streak.record(PRICEFEED_TRANSIENT, "timeout", kNoon);
  for (pricefeed_status status : {PRICEFEED_RATE_LIMITED, PRICEFEED_NOT_FOUND, PRICEFEED_UNSUPPORTED})
    streak.record(status, "", kNoon + 1min);
  EXPECT_EQ(streak.snapshot().consecutive_failures, 1u);
  EXPECT_FALSE(streak.snapshot().last_success_at.has_value());
}

}  // namespace
}  // namespace pricefeed::host
