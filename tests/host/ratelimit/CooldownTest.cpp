#include "host/ratelimit/Cooldown.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "host/ratelimit/RetryAfter.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const system_clock::time_point kNow = sys_days{2025y / March / 3} + 12h;

TEST(Cooldown, RateLimitAnswersCoolDownForTheirRetryAfter) {
  EXPECT_EQ(cooldown_after_response(429, "30", kNow), 30s);
  EXPECT_EQ(cooldown_after_response(418, "Mon, 03 Mar 2025 12:02:00 GMT", kNow), 120s);
}

TEST(Cooldown, RateLimitAnswerWithoutUsableRetryAfterCoolsDownForTheDefault) {
  EXPECT_EQ(cooldown_after_response(429, std::nullopt, kNow), kDefaultRetryAfter);
  EXPECT_EQ(cooldown_after_response(429, "whenever", kNow), kDefaultRetryAfter);
}

TEST(Cooldown, OtherAnswersDoNotCoolDown) {
  for (int status : {200, 301, 400, 404, 500, 503}) {
    EXPECT_EQ(cooldown_after_response(status, "30", kNow), std::nullopt) << status;
  }
}

}  // namespace
}  // namespace pricefeed::host
