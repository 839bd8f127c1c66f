// The daily gap sweep ([quality] gap_sweep, host/quality/GapSweep) as one of the daemon's periodic
// tasks, remembered in daemon_runs as "gaps".
#pragma once

#include <chrono>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"
#include "host/daemon/PeriodicTask.hpp"

namespace pricefeed::host {

inline constexpr std::chrono::seconds kGapSweepEvery = std::chrono::hours(24);

// Throws std::invalid_argument when [quality] forex_calendar names no calendar of `calendars`, so a
// daemon with a broken setting does not start. `config` and `calendars` must outlive the task.
PeriodicTask gap_sweep_task(const Config& config, const ExchangeCalendars& calendars);

}  // namespace pricefeed::host
