#pragma once

// The rate limiter's sense of time. It is injected so that tests move time by hand (ManualClock)
// instead of sleeping, and so that waiting on a condition variable follows whichever clock is in use.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace pricefeed::host {

class Clock {
 public:
  using duration = std::chrono::steady_clock::duration;
  using time_point = std::chrono::steady_clock::time_point;

  virtual ~Clock() = default;

  // Monotonic time: what token refills, deadlines and cooldowns are measured in.
  virtual time_point now() const = 0;

  // Calendar time, for what only has a wall-clock meaning (an HTTP-date in Retry-After, a cooldown
  // shown on /health/sources).
  virtual std::chrono::system_clock::time_point wall_now() const = 0;

  // Blocks on `wakeup`, whose mutex `lock` holds, until it is notified or this clock reaches
  // `deadline` (time_point::max(): no deadline). It may return early; callers re-check their
  // condition in a loop, as with any condition variable.
  virtual void wait_until(std::condition_variable& wakeup, std::unique_lock<std::mutex>& lock,
                          time_point deadline) = 0;
};

}  // namespace pricefeed::host
