#include "host/cli/BackfillWorkerStack.hpp"

#include <algorithm>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/log/Log.hpp"
#include "host/quality/AnomalyChecks.hpp"

namespace pricefeed::host {

BackfillWorkerOptions BackfillWorkerStack::options_from(const Config& config,
                                                        std::chrono::milliseconds idle_poll) {
  BackfillWorkerOptions options;
  options.worker_id = default_worker_id();
  options.batch_size = config.worker.batch_size;
  options.lease = std::chrono::seconds(config.worker.lease_seconds);
  // Every job holds a pooled connection while it writes; one is left for claims and outcomes.
  options.threads = std::max(1, config.database.pool_size - 1);
  options.idle_poll = idle_poll;
  return options;
}

std::unique_ptr<ExchangeCalendars> BackfillWorkerStack::calendars_from(const Config& config) {
  try {
    return std::make_unique<ExchangeCalendars>(load_exchange_calendars(locate_exchanges_file(config).path));
  } catch (const std::exception& e) {
    log_warn("no gap check after backfill jobs: the trading calendars did not load", {{"error", e.what()}});
    return nullptr;
  }
}

BackfillWorkerStack::BackfillWorkerStack(const Config& config, const SourceRegistry& sources,
                                         ConnectionPool& pool, std::chrono::milliseconds idle_poll)
    : options_(options_from(config, idle_poll)),
      queue_(pool, BackfillQueueOptions{.retry_base_minutes = config.worker.retry_base_minutes}),
      calendars_(calendars_from(config)),
      gap_finder_(calendars_ ? std::make_unique<GapFinder>(*calendars_, config.quality) : nullptr),
      quality_checks_(gap_finder_.get(), config.routing, config.worker.max_attempts),
      runner_(pool, queue_, sources, config.routing, options_.lease, std::make_shared<PricePartitions>()),
      worker_(queue_, runner_, options_) {
  runner_.add_finished_hook([this](pqxx::connection& connection, const ClaimedJob& job,
                                   const std::string& completed_by, const std::vector<Action>& actions) {
    quality_checks_.after_job(connection, job, completed_by, actions,
                              std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  });
  // Anomalies of the daily closes the job stored (the job's range and the day before), each then
  // cross-checked once with a second source.
  runner_.add_finished_hook(
      [anomalies = std::make_shared<AnomalyChecks>(config.quality, sources, config.routing)](
          pqxx::connection& connection, const ClaimedJob& job, const std::string&,
          const std::vector<Action>&) {
        if (job.resolution == Resolution::day)
          anomalies->after_write(connection, job.asset_id, job.start_date, job.end_date);
      });
}

}  // namespace pricefeed::host
