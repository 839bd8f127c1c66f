#include "host/daemon/DaemonSchedule.hpp"

namespace pricefeed::host {

std::chrono::sys_seconds next_tick_after(std::chrono::sys_seconds now, std::chrono::minutes interval) {
  const std::chrono::seconds step = interval;
  const auto since_epoch = now.time_since_epoch();
  return std::chrono::sys_seconds{(since_epoch / step + 1) * step};
}

std::chrono::sys_seconds tick_boundary_of(std::chrono::sys_seconds now, std::chrono::minutes interval) {
  const std::chrono::seconds step = interval;
  return std::chrono::sys_seconds{(now.time_since_epoch() / step) * step};
}

}  // namespace pricefeed::host
