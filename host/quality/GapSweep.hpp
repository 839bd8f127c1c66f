// The daemon's daily look for missing days over every tracked asset's whole stored history
// ([quality] gap_sweep): catches what no job's own check saw (history written before this check
// existed, rows lost, the daemon's own bars), checks again gaps whose fill job finished while no
// worker checked them, and queues a fill for each open gap.
#pragma once

#include <atomic>
#include <chrono>

#include <pqxx/connection_base>

#include "host/quality/GapFillScheduler.hpp"
#include "host/quality/GapFinder.hpp"

namespace pricefeed::host {

struct GapSweepReport {
  int assets = 0;
  int gaps_found = 0;
  GapSchedulingTally scheduling;
};

class GapSweep {
 public:
  GapSweep(const GapFinder& finder, const GapFillScheduler& scheduler);

  GapSweepReport run(pqxx::connection_base& connection, std::chrono::sys_seconds now,
                     const std::atomic<bool>& stop) const;

 private:
  const GapFinder& finder_;
  const GapFillScheduler& scheduler_;
};

}  // namespace pricefeed::host
