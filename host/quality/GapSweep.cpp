#include "host/quality/GapSweep.hpp"

#include <vector>

#include <pqxx/pqxx>

namespace pricefeed::host {

GapSweep::GapSweep(const GapFinder& finder, const GapFillScheduler& scheduler)
    : finder_(finder), scheduler_(scheduler) {}

GapSweepReport GapSweep::run(pqxx::connection_base& connection, std::chrono::sys_seconds now,
                             const std::atomic<bool>& stop) const {
  GapSweepReport report;
  report.scheduling = scheduler_.recheck_finished_jobs(connection);

  std::vector<std::int64_t> assets;
  {
    pqxx::read_transaction tx(connection);
    for (const auto& row :
         tx.exec("SELECT t.asset_id FROM tracked_assets t JOIN assets a ON a.id = t.asset_id "
                 "WHERE a.active ORDER BY t.asset_id")) {
      assets.push_back(row[0].as<std::int64_t>());
    }
  }
  for (std::int64_t asset : assets) {
    if (stop) break;
    report.gaps_found += static_cast<int>(finder_.record_all_gaps(connection, asset, now).size());
    ++report.assets;
  }

  const GapSchedulingTally scheduled = scheduler_.schedule_open_gaps(connection);
  report.scheduling.queued += scheduled.queued;
  report.scheduling.unfillable += scheduled.unfillable;
  report.scheduling.filled += scheduled.filled;
  return report;
}

}  // namespace pricefeed::host
