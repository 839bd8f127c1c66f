#include "host/ratelimit/SteadyClock.hpp"

namespace pricefeed::host {

Clock::time_point SteadyClock::now() const {
  return std::chrono::steady_clock::now();
}

std::chrono::system_clock::time_point SteadyClock::wall_now() const {
  return std::chrono::system_clock::now();
}

void SteadyClock::wait_until(std::condition_variable& wakeup, std::unique_lock<std::mutex>& lock,
                             time_point deadline) {
  // Converting time_point::max() to an absolute timeout can overflow inside the library.
  if (deadline == time_point::max()) {
    wakeup.wait(lock);
  } else {
    wakeup.wait_until(lock, deadline);
  }
}

}  // namespace pricefeed::host
