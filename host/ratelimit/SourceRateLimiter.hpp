#pragma once

// What a source's request budget answers its callers (RateLimitedSourceHttp, health, metrics),
// whichever keeps it: RateLimiter in this process (limit_scope = "host") or ClusterRateLimiter in
// PostgreSQL, shared by every host (limit_scope = "cluster"). docs/http-and-rate-limits.md.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>

#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

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

class SourceRateLimiter {
 public:
  virtual ~SourceRateLimiter() = default;

  // Waits until `cost` units can be spent (0 counts as 1), and spends them. Returns without waiting
  // when the source is cooling down, or when the wait could not end before `deadline`.
  Admission acquire(std::uint32_t cost, Clock::time_point deadline = Clock::time_point::max(),
                    std::stop_token cancel = {}) {
    const auto start = std::chrono::steady_clock::now();
    Admission admission = acquire_units(cost, deadline, std::move(cancel));
    nanoseconds_in_acquire_ +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
            .count();
    return admission;
  }

  // Stops granting until `until` (an earlier end than the current one is ignored), makes the
  // waiting callers report the cooldown too, and counts one rate-limited response.
  virtual void enter_cooldown(Clock::time_point until) = 0;

  virtual RateLimiterState state() const = 0;

 protected:
  SourceRateLimiter() = default;
  SourceRateLimiter(const SourceRateLimiter&) = delete;
  SourceRateLimiter& operator=(const SourceRateLimiter&) = delete;

  // For state(): the real time callers have spent in acquire() so far.
  std::chrono::nanoseconds time_in_acquire() const noexcept {
    return std::chrono::nanoseconds{nanoseconds_in_acquire_.load()};
  }
  // A limiter replacing another (a reload) goes on counting from where that one was.
  void carry_time_in_acquire(std::chrono::nanoseconds before) noexcept {
    nanoseconds_in_acquire_ += before.count();
  }

 private:
  // acquire()'s work; a separate name so that the default arguments live in one place.
  virtual Admission acquire_units(std::uint32_t cost, Clock::time_point deadline, std::stop_token cancel) = 0;

  std::atomic<std::int64_t> nanoseconds_in_acquire_{0};
};

}  // namespace pricefeed::host
