#include "host/db/ReconnectBackoff.hpp"

#include <algorithm>

namespace pricefeed::host {

ReconnectBackoff::ReconnectBackoff(ReconnectBackoffSettings settings)
    : ReconnectBackoff(settings, std::random_device{}()) {}

ReconnectBackoff::ReconnectBackoff(ReconnectBackoffSettings settings, std::uint64_t seed)
    : settings_(settings), random_(seed) {
  settings_.first = std::max(settings_.first, std::chrono::milliseconds{1});
  settings_.longest = std::max(settings_.longest, settings_.first);
}

std::chrono::milliseconds ReconnectBackoff::ceiling(int failures) const {
  // Doubling one step at a time stops at `longest`, so no shift can overflow.
  auto delay = settings_.first;
  for (int step = 1; step < failures && delay < settings_.longest; ++step)
    delay = std::min(delay * 2, settings_.longest);
  return delay;
}

std::chrono::milliseconds ReconnectBackoff::next_delay() {
  if (failures_ < 1'000'000) ++failures_;
  const auto top = ceiling(failures_).count();
  std::uniform_int_distribution<std::int64_t> jitter(top - top / 2, top);
  return std::chrono::milliseconds{jitter(random_)};
}

}  // namespace pricefeed::host
