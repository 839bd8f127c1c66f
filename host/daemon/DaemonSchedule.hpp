// When ticks happen: on wall-clock boundaries of the interval (every 15 minutes: :00, :15, :30, :45
// UTC), so that several hosts and restarts tick at the same moments and a tick's prices line up
// with the clock an operator reads. Pure functions of `now`: tests never sleep to wait for one.
#pragma once

#include <chrono>

namespace pricefeed::host {

// The first boundary strictly after `now`.
std::chrono::sys_seconds next_tick_after(std::chrono::sys_seconds now, std::chrono::minutes interval);

// The boundary of the tick that `now` belongs to, `now` itself when it is one: a tick that started
// late (after a database outage, or a `daemon --once` at any moment) belongs to the boundary before it.
std::chrono::sys_seconds tick_boundary_of(std::chrono::sys_seconds now, std::chrono::minutes interval);

inline constexpr std::chrono::days kCatalogRefreshEvery{7};

}  // namespace pricefeed::host
