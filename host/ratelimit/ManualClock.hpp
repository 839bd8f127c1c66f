#pragma once

// A clock that moves only when a test says so. Threads blocked in wait_until() are woken whenever
// the time is advanced, and a test can wait (without sleeping) until a given number of threads
// are blocked, which makes "the second caller has to wait" observable deterministically.
//
// For tests only: every object waiting through this clock must outlive any advance() that may
// wake it.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

class ManualClock final : public Clock {
 public:
  // Starts at an arbitrary but fixed point, and at 2025-01-01T00:00:00Z on the calendar.
  ManualClock();
  ManualClock(time_point start, std::chrono::system_clock::time_point wall_start);

  time_point now() const override;
  std::chrono::system_clock::time_point wall_now() const override;
  void wait_until(std::condition_variable& wakeup, std::unique_lock<std::mutex>& lock,
                  time_point deadline) override;

  // Moves both clocks forward by `step` (negative steps are ignored: time is monotonic) and wakes
  // every waiter so that it re-checks its condition.
  void advance(duration step);

  // Blocks the calling test until at least `count` threads are blocked in wait_until().
  void await_waiters(std::size_t count) const;

  std::size_t waiter_count() const;

 private:
  struct Waiter {
    std::condition_variable* wakeup;
    std::mutex* mutex;
  };

  mutable std::mutex mutex_;
  mutable std::condition_variable waiters_changed_;
  time_point now_;
  std::chrono::system_clock::time_point wall_now_;
  std::vector<Waiter> waiters_;
};

}  // namespace pricefeed::host
