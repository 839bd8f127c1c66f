#pragma once

// The production clock: std::chrono::steady_clock for intervals, system_clock for calendar time.

#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

class SteadyClock final : public Clock {
 public:
  time_point now() const override;
  std::chrono::system_clock::time_point wall_now() const override;
  void wait_until(std::condition_variable& wakeup, std::unique_lock<std::mutex>& lock,
                  time_point deadline) override;
};

}  // namespace pricefeed::host
