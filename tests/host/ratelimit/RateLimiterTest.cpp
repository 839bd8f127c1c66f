#include "host/ratelimit/RateLimiter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "host/ratelimit/ManualClock.hpp"
#include "host/ratelimit/SteadyClock.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using Outcome = Admission::Outcome;

// A limiter on a clock that only tests move. Waiting callers run on std::async threads; the test
// synchronises with them through ManualClock::await_waiters and futures, never by sleeping.
class RateLimiterTest : public ::testing::Test {
 protected:
  std::future<Admission> acquire_in_background(RateLimiter& limiter, std::uint32_t cost,
                                               Clock::time_point deadline = Clock::time_point::max(),
                                               std::stop_token cancel = {}) {
    return std::async(std::launch::async,
                      [&limiter, cost, deadline, cancel] { return limiter.acquire(cost, deadline, cancel); });
  }

  static bool is_ready(const std::future<Admission>& future) {
    return future.wait_for(0s) == std::future_status::ready;
  }

  ManualClock clock_;
};

TEST_F(RateLimiterTest, BurstIsServedAtOnceThenCallersWait) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 3}, clock_);

  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.acquire(1).granted()) << "request " << i;

  auto fourth = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);
  EXPECT_FALSE(is_ready(fourth));
  EXPECT_EQ(limiter.state().callers_waiting, 1u);

  clock_.advance(1s);  // 60 per minute: one unit per second
  EXPECT_EQ(fourth.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, TimeInsideAcquireIsAccountedIncludingWaits) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  EXPECT_EQ(limiter.state().time_in_acquire, std::chrono::nanoseconds::zero());
  EXPECT_TRUE(limiter.acquire(1).granted());
  const auto after_one = limiter.state().time_in_acquire;
  EXPECT_GT(after_one, std::chrono::nanoseconds::zero());

  auto waiting = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);
  clock_.advance(1s);
  EXPECT_TRUE(waiting.get().granted());
  EXPECT_GT(limiter.state().time_in_acquire, after_one);
}

TEST_F(RateLimiterTest, BucketRefillsAtTheConfiguredRateUpToTheBurst) {
  RateLimiter limiter({.requests_per_minute = 120, .burst = 4}, clock_);
  ASSERT_TRUE(limiter.acquire(4).granted());
  EXPECT_NEAR(limiter.state().tokens, 0.0, 1e-9);

  clock_.advance(500ms);
  EXPECT_NEAR(limiter.state().tokens, 1.0, 1e-9);

  clock_.advance(1h);
  EXPECT_NEAR(limiter.state().tokens, 4.0, 1e-9);
}

TEST_F(RateLimiterTest, CostLargerThanBurstIsServedFromAFullBucketAndLeavesDebt) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 2}, clock_);

  EXPECT_TRUE(limiter.acquire(5).granted());
  EXPECT_NEAR(limiter.state().tokens, -3.0, 1e-9);

  // The next unit is earned after the 3 units of debt: 4 seconds.
  EXPECT_EQ(limiter.acquire(1, clock_.now() + 3s).outcome, Outcome::deadline_passed);
  auto next = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);
  clock_.advance(3s);
  clock_.await_waiters(1);
  EXPECT_FALSE(is_ready(next));
  clock_.advance(1s);
  EXPECT_EQ(next.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, CostlyRequestWaitsForAFullBucketWhenItIsNotFull) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 2}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());

  auto costly = acquire_in_background(limiter, 10);
  clock_.await_waiters(1);
  EXPECT_FALSE(is_ready(costly));
  clock_.advance(1s);
  EXPECT_EQ(costly.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, CallersAreServedInArrivalOrder) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());

  auto first = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);
  auto second = acquire_in_background(limiter, 1);
  clock_.await_waiters(2);

  clock_.advance(1s);
  EXPECT_EQ(first.get().outcome, Outcome::granted);
  clock_.await_waiters(1);
  EXPECT_FALSE(is_ready(second));

  clock_.advance(1s);
  EXPECT_EQ(second.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, CheapLaterCallerDoesNotOvertakeACostlyEarlierOne) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 3}, clock_);
  ASSERT_TRUE(limiter.acquire(3).granted());

  auto costly = acquire_in_background(limiter, 3);
  clock_.await_waiters(1);
  auto cheap = acquire_in_background(limiter, 1);
  clock_.await_waiters(2);

  clock_.advance(1s);  // one unit: enough for the cheap caller, but it is second in line
  clock_.await_waiters(2);
  EXPECT_FALSE(is_ready(costly));
  EXPECT_FALSE(is_ready(cheap));

  clock_.advance(2s);
  EXPECT_EQ(costly.get().outcome, Outcome::granted);
  clock_.advance(1s);
  EXPECT_EQ(cheap.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, CooldownAnswersImmediatelyWithItsEnd) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 5}, clock_);
  const auto until = clock_.now() + 5min;
  limiter.enter_cooldown(until);

  const Admission admission = limiter.acquire(1);
  EXPECT_EQ(admission.outcome, Outcome::cooling_down);
  EXPECT_EQ(admission.cooldown_until, until);
  EXPECT_EQ(clock_.waiter_count(), 0u);

  const RateLimiterState state = limiter.state();
  ASSERT_TRUE(state.cooldown_until.has_value());
  EXPECT_EQ(*state.cooldown_until, until);
  EXPECT_EQ(state.rate_limited_responses, 1u);
  EXPECT_EQ(state.requests_granted, 0u);
}

TEST_F(RateLimiterTest, CooldownWakesWaitingCallersWithItsEnd) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());
  auto waiting = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);

  const auto until = clock_.now() + 2min;
  limiter.enter_cooldown(until);

  const Admission admission = waiting.get();
  EXPECT_EQ(admission.outcome, Outcome::cooling_down);
  EXPECT_EQ(admission.cooldown_until, until);
}

TEST_F(RateLimiterTest, NothingIsGrantedBeforeTheCooldownEndsAndTheBucketStartsEmpty) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 5}, clock_);
  limiter.enter_cooldown(clock_.now() + 1min);

  clock_.advance(59s);
  EXPECT_EQ(limiter.acquire(1).outcome, Outcome::cooling_down);

  clock_.advance(1s);
  EXPECT_FALSE(limiter.state().cooldown_until.has_value());
  EXPECT_EQ(limiter.acquire(1, clock_.now()).outcome, Outcome::deadline_passed);
  clock_.advance(1s);
  EXPECT_TRUE(limiter.acquire(1, clock_.now()).granted());
}

TEST_F(RateLimiterTest, EarlierCooldownDoesNotShortenTheCurrentOne) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  const auto later = clock_.now() + 10min;
  limiter.enter_cooldown(later);
  limiter.enter_cooldown(clock_.now() + 1min);

  EXPECT_EQ(limiter.acquire(1).cooldown_until, later);
  EXPECT_EQ(limiter.state().rate_limited_responses, 2u);
}

TEST_F(RateLimiterTest, CooldownOfOneSourceLeavesOthersAlone) {
  RateLimiter yahoo({.requests_per_minute = 33, .burst = 5}, clock_);
  RateLimiter binance({.requests_per_minute = 6000, .burst = 100}, clock_);

  yahoo.enter_cooldown(clock_.now() + 5min);

  EXPECT_EQ(yahoo.acquire(1).outcome, Outcome::cooling_down);
  EXPECT_TRUE(binance.acquire(1).granted());
  EXPECT_FALSE(binance.state().cooldown_until.has_value());
}

TEST_F(RateLimiterTest, DeadlineThatCannotBeMetIsAnsweredAtOnce) {
  RateLimiter limiter({.requests_per_minute = 6, .burst = 1}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());

  // The next unit comes in 10 s.
  EXPECT_EQ(limiter.acquire(1, clock_.now() + 9s).outcome, Outcome::deadline_passed);
  EXPECT_EQ(clock_.waiter_count(), 0u);
  EXPECT_EQ(limiter.state().callers_waiting, 0u);
}

TEST_F(RateLimiterTest, CallerBehindTheHeadGivesUpAtItsDeadline) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());

  auto head = acquire_in_background(limiter, 1);
  clock_.await_waiters(1);
  auto behind = acquire_in_background(limiter, 1, clock_.now() + 500ms);
  clock_.await_waiters(2);

  clock_.advance(500ms);
  EXPECT_EQ(behind.get().outcome, Outcome::deadline_passed);
  clock_.advance(500ms);
  EXPECT_EQ(head.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, CancelledCallerStopsWaitingAndLetsTheNextOneIn) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  ASSERT_TRUE(limiter.acquire(1).granted());

  std::stop_source stop;
  auto cancelled = acquire_in_background(limiter, 1, Clock::time_point::max(), stop.get_token());
  clock_.await_waiters(1);
  auto next = acquire_in_background(limiter, 1);
  clock_.await_waiters(2);

  stop.request_stop();
  EXPECT_EQ(cancelled.get().outcome, Outcome::cancelled);

  clock_.await_waiters(1);
  clock_.advance(1s);
  EXPECT_EQ(next.get().outcome, Outcome::granted);
}

TEST_F(RateLimiterTest, AlreadyCancelledCallerIsNotGranted) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 1}, clock_);
  std::stop_source stop;
  stop.request_stop();
  EXPECT_EQ(limiter.acquire(1, Clock::time_point::max(), stop.get_token()).outcome, Outcome::cancelled);
  EXPECT_EQ(limiter.state().requests_granted, 0u);
}

TEST_F(RateLimiterTest, ZeroCostCountsAsOneUnit) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 2}, clock_);
  ASSERT_TRUE(limiter.acquire(0).granted());
  EXPECT_NEAR(limiter.state().tokens, 1.0, 1e-9);
}

TEST_F(RateLimiterTest, ZeroBurstCountsAsOneUnit) {
  RateLimiter limiter({.requests_per_minute = 60, .burst = 0}, clock_);
  EXPECT_TRUE(limiter.acquire(1, clock_.now()).granted());
  EXPECT_EQ(limiter.acquire(1, clock_.now()).outcome, Outcome::deadline_passed);
}

TEST_F(RateLimiterTest, StateCountsGrantedRequests) {
  RateLimiter limiter({.requests_per_minute = 600, .burst = 10}, clock_);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(limiter.acquire(2).granted());

  const RateLimiterState state = limiter.state();
  EXPECT_EQ(state.requests_granted, 4u);
  EXPECT_NEAR(state.tokens, 2.0, 1e-9);
  EXPECT_DOUBLE_EQ(state.capacity, 10.0);
  EXPECT_EQ(state.rate_limited_responses, 0u);
}

TEST_F(RateLimiterTest, RejectsARateThatIsNotPositive) {
  EXPECT_THROW(RateLimiter({.requests_per_minute = 0, .burst = 1}, clock_), std::invalid_argument);
  EXPECT_THROW(RateLimiter({.requests_per_minute = -5, .burst = 1}, clock_), std::invalid_argument);
}

TEST(RateLimiterOnSteadyClock, BurstIsGrantedWithoutWaiting) {
  SteadyClock clock;
  RateLimiter limiter({.requests_per_minute = 1, .burst = 3}, clock);
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.acquire(1).granted());
  // The fourth unit is a minute away: a short deadline is answered at once, not after a wait.
  EXPECT_EQ(limiter.acquire(1, clock.now() + 10ms).outcome, Outcome::deadline_passed);
}

TEST(RateLimiterOnSteadyClock, WaitingCallerIsWokenWhenTheCooldownStarts) {
  SteadyClock clock;
  RateLimiter limiter({.requests_per_minute = 1, .burst = 1}, clock);
  ASSERT_TRUE(limiter.acquire(1).granted());
  auto waiting = std::async(std::launch::async, [&] { return limiter.acquire(1); });
  // Whether or not the caller has started waiting yet, it must report the cooldown.
  limiter.enter_cooldown(clock.now() + 1h);
  EXPECT_EQ(waiting.get().outcome, Outcome::cooling_down);
}

}  // namespace
}  // namespace pricefeed::host
