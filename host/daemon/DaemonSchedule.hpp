// When ticks happen: on wall-clock boundaries of the interval (every 15 minutes: :00, :15, :30, :45
// UTC), so that several hosts and restarts tick at the same moments and a tick's prices line up
// with the clock an operator reads. Pure functions of `now`: tests never sleep to wait for one.
#pragma once

#include <chrono>
#include <optional>

namespace pricefeed::host {

// The first boundary strictly after `now`.
std::chrono::sys_seconds next_tick_after(std::chrono::sys_seconds now, std::chrono::minutes interval);

// The weekly catalog refresh is due when the last one is a week old or there was none.
bool catalog_refresh_due(std::chrono::sys_seconds now, std::optional<std::chrono::sys_seconds> last_refresh);

inline constexpr std::chrono::days kCatalogRefreshEvery{7};

}  // namespace pricefeed::host
