// The daily cross-source divergence check ([quality] divergence_check, host/quality/DivergenceCheck)
// as one of the daemon's periodic tasks, remembered in daemon_runs as "divergences".
#pragma once

#include <chrono>

#include "host/config/Config.hpp"
#include "host/daemon/PeriodicTask.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

inline constexpr std::chrono::seconds kDivergenceCheckEvery = std::chrono::hours(24);

// `config` and `sources` must outlive the task.
PeriodicTask divergence_check_task(const Config& config, const SourceRegistry& sources);

}  // namespace pricefeed::host
