#include "host/ratelimit/Backoff.hpp"

#include <algorithm>

namespace pricefeed::host {

std::chrono::minutes backoff_delay(std::int64_t retry_base_minutes, std::int64_t attempts) {
  const std::int64_t ceiling = kLongestBackoff.count();
  std::int64_t delay = std::clamp<std::int64_t>(retry_base_minutes, 0, ceiling);
  // Doubling one step at a time and stopping at the ceiling never overflows, and at most ~20
  // steps are needed before any positive base reaches it.
  for (std::int64_t step = 1; step < attempts && delay > 0 && delay < ceiling; ++step) {
    delay = std::min(delay * 2, ceiling);
  }
  return std::chrono::minutes{delay};
}

}  // namespace pricefeed::host
