#include "host/daemon/GapSweepTask.hpp"

#include <memory>

#include "host/log/Log.hpp"
#include "host/quality/GapFillScheduler.hpp"
#include "host/quality/GapFinder.hpp"
#include "host/quality/GapSweep.hpp"

namespace pricefeed::host {
namespace {

// What the task's runs share; built once, when the daemon starts.
struct GapSweepParts {
  GapSweepParts(const Config& config, const ExchangeCalendars& calendars)
      : finder(calendars, config.quality),
        scheduler(finder, config.routing, config.worker.max_attempts),
        sweep(finder, scheduler) {}

  GapFinder finder;
  GapFillScheduler scheduler;
  GapSweep sweep;
};

}  // namespace

PeriodicTask gap_sweep_task(const Config& config, const ExchangeCalendars& calendars) {
  auto parts = std::make_shared<GapSweepParts>(config, calendars);
  return {"gaps", kGapSweepEvery, [parts](pqxx::connection& conn, const std::atomic<bool>& stop) {
            const GapSweepReport report = parts->sweep.run(
                conn, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), stop);
            log_info("gap sweep done",
                     {{"assets", static_cast<std::int64_t>(report.assets)},
                      {"gaps_found", static_cast<std::int64_t>(report.gaps_found)},
                      {"fills_queued", static_cast<std::int64_t>(report.scheduling.queued)},
                      {"unfillable", static_cast<std::int64_t>(report.scheduling.unfillable)},
                      {"filled", static_cast<std::int64_t>(report.scheduling.filled)}});
          }};
}

}  // namespace pricefeed::host
