#pragma once

// One source's request budget: a token bucket that makes callers wait for their turn instead of
// letting them provoke 429s, plus a cooldown entered after the source has answered 429/418.
//
// - The bucket holds up to `burst` units and refills at requests_per_minute units per minute. A
//   request spends `cost` units (the plugin states each call's weight; 0 counts as 1).
// - A cost larger than the burst is still served: it waits until the bucket is full and then
//   spends its whole cost, leaving the bucket in debt, so the callers after it wait until the debt
//   is repaid. The long-run rate stays what was configured.
// - Callers are served first come, first served: a costly request at the head of the queue is not
//   overtaken by cheap ones arriving after it.
// - While cooling down, acquire() does not wait: it answers at once with the cooldown's end, so the
//   caller can report rate_limited and its job can be retried later. Nothing is granted before the
//   cooldown ends, and the bucket starts empty from that moment so the source is not hit with a
//   burst the instant it lets us back in.
//
// Thread-safe. Every source owns its own limiter, so one source's cooldown never delays another.
// This is the limiter of limit_scope = "host"; ClusterRateLimiter keeps the same bucket in PostgreSQL.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stop_token>

#include "host/ratelimit/Clock.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"

namespace pricefeed::host {

struct RateLimit {
  double requests_per_minute = 60;  // units per minute; must be > 0
  std::uint32_t burst = 1;          // bucket size in units; 0 counts as 1
};

// limit.requests_per_minute; throws std::invalid_argument when it is not a positive finite number.
double validated_requests_per_minute(const RateLimit& limit);

class RateLimiter final : public SourceRateLimiter {
 public:
  // Throws std::invalid_argument when requests_per_minute is not a positive finite number.
  RateLimiter(RateLimit limit, Clock& clock);
  // The limiter a reload gives a source whose limits changed (docs/reload.md): it starts where
  // `previous` (the old limiter's state) left off: no more tokens than were left, the same cooldown,
  // the same counts. So a reload is no way around a cooldown or an empty bucket.
  RateLimiter(RateLimit limit, Clock& clock, const RateLimiterState& previous);

  void enter_cooldown(Clock::time_point until) override;

  RateLimiterState state() const override;

  const RateLimit& limit() const noexcept { return limit_; }

 private:
  Admission acquire_units(std::uint32_t cost, Clock::time_point deadline, std::stop_token cancel) override;
  void refill(Clock::time_point now);
  Clock::duration time_to_earn(double units) const;
  void leave_queue(std::uint64_t ticket);

  RateLimit limit_;
  Clock& clock_;
  double capacity_;
  double units_per_tick_;  // per Clock::duration tick

  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  double tokens_;
  Clock::time_point last_refill_;
  Clock::time_point cooldown_until_{};
  std::deque<std::uint64_t> queue_;  // tickets of waiting callers, first come first served
  std::uint64_t next_ticket_ = 0;
  std::uint64_t requests_granted_ = 0;
  std::uint64_t rate_limited_responses_ = 0;
};

}  // namespace pricefeed::host
