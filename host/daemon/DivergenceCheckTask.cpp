#include "host/daemon/DivergenceCheckTask.hpp"

#include <memory>

#include "host/log/Log.hpp"
#include "host/quality/DivergenceCheck.hpp"
#include "host/time/Today.hpp"

namespace pricefeed::host {

PeriodicTask divergence_check_task(const Config& config, const SourceRegistry& sources) {
  auto check = std::make_shared<DivergenceCheck>(config.quality, sources, config.routing);
  return {"divergences", kDivergenceCheckEvery,
          [check](pqxx::connection& conn, const std::atomic<bool>& stop) {
            const DivergenceReport report = check->run(conn, utc_today(), &stop);
            log_info("divergence check done", {{"assets", static_cast<std::int64_t>(report.assets)},
                                               {"compared", static_cast<std::int64_t>(report.compared)},
                                               {"recorded", static_cast<std::int64_t>(report.recorded)},
                                               {"unanswered", static_cast<std::int64_t>(report.unanswered)}});
          }};
}

}  // namespace pricefeed::host
