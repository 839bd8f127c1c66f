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

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>

#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

struct RateLimit {
  double requests_per_minute = 60;  // units per minute; must be > 0
  std::uint32_t burst = 1;          // bucket size in units; 0 counts as 1
};

// What acquire() decided.
struct Admission {
  enum class Outcome {
    granted,          // the request may be sent now
    cooling_down,     // the source is cooling down until `cooldown_until`; nothing was spent
    deadline_passed,  // the caller's turn would not come before its deadline
    cancelled,        // the caller's stop token was triggered while it waited
  };

  Outcome outcome = Outcome::granted;
  Clock::time_point cooldown_until{};  // set when outcome == cooling_down

  bool granted() const noexcept { return outcome == Outcome::granted; }
};

// A snapshot for /health/sources and metrics.
struct RateLimiterState {
  double tokens = 0;    // units available now; negative while a large request's debt is repaid
  double capacity = 0;  // the burst
  std::optional<Clock::time_point> cooldown_until;  // set only while cooling down
  std::uint64_t requests_granted = 0;
  std::uint64_t rate_limited_responses = 0;  // cooldowns entered (429/418 answers)
  std::size_t callers_waiting = 0;
  // Real time callers spent inside acquire(), waiting included: what the limiter costs the pipeline
  // (metrics, the daemon benchmark). Measured on the steady clock whatever clock drives the bucket.
  std::chrono::nanoseconds time_in_acquire{0};
};

class RateLimiter {
 public:
  // Throws std::invalid_argument when requests_per_minute is not a positive finite number.
  RateLimiter(RateLimit limit, Clock& clock);

  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Waits until `cost` units can be spent, and spends them. Returns without waiting when the source
  // is cooling down, or when the wait could not end before `deadline`.
  Admission acquire(std::uint32_t cost, Clock::time_point deadline = Clock::time_point::max(),
                    std::stop_token cancel = {});

  // Stops granting until `until` (an earlier end than the current one is ignored), wakes the
  // waiting callers so they report the cooldown too, and counts one rate-limited response.
  void enter_cooldown(Clock::time_point until);

  RateLimiterState state() const;

  const RateLimit& limit() const noexcept { return limit_; }

 private:
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
  std::atomic<std::int64_t> nanoseconds_in_acquire_{0};
  std::uint64_t rate_limited_responses_ = 0;
};

}  // namespace pricefeed::host
