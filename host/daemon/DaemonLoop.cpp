#include "host/daemon/DaemonLoop.hpp"

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/system_timer.hpp>
#include <pqxx/pqxx>

#include "host/catalog/CatalogSeeder.hpp"
#include "host/daemon/DaemonSchedule.hpp"
#include "host/daemon/DaemonTick.hpp"
#include "host/daemon/DivergenceCheckTask.hpp"
#include "host/daemon/GapSweepTask.hpp"
#include "host/daemon/RetentionSweep.hpp"
#include "host/db/DatabaseOutage.hpp"
#include "host/db/ReconnectBackoff.hpp"
#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_seconds wall_now() {
  return floor<seconds>(system_clock::now());
}

// Waits on an Asio timer until `at`, waking every second to notice `stop` or `retiring`.
void wait_until(sys_seconds at, const std::atomic<bool>& stop, const std::atomic<bool>& retiring) {
  boost::asio::io_context io;
  boost::asio::system_timer timer(io);
  while (!stop && !retiring && system_clock::now() < at) {
    timer.expires_at(std::min<system_clock::time_point>(at, system_clock::now() + seconds(1)));
    timer.wait();
  }
}

PeriodicTask catalog_refresh_task(const SourceRegistry& sources, const RoutingConfig& routing) {
  return {"catalog", kCatalogRefreshEvery,
          [&sources, &routing](pqxx::connection& conn, const std::atomic<bool>& stop) {
            const CatalogSeedReport report = CatalogSeeder(sources, routing).seed(conn, &stop);
            log_info("catalog refreshed",
                     {{"new", static_cast<std::int64_t>(report.written.inserted)},
                      {"updated", static_cast<std::int64_t>(report.written.updated)},
                      {"inactive", static_cast<std::int64_t>(report.written.deactivated)},
                      {"sources_failed", report.all_sources_ok() ? "none" : "some"}});
          }};
}

}  // namespace

DaemonLoop::DaemonLoop(const Config& config, const SourceRegistry& sources,
                       const ExchangeCalendars& calendars, ConnectionPool& pool, std::string host_id,
                       const StreamCoverage* streams)
    : config_(config),
      sources_(sources),
      calendars_(calendars),
      pool_(pool),
      streams_(streams),
      holder_{std::move(host_id), seconds(config.cluster.dead_after_seconds)} {
  tasks_.push_back(catalog_refresh_task(sources_, config_.routing));
  tasks_.push_back(retention_task(RetentionSettings::from(config_)));
  if (config_.quality.gap_sweep) tasks_.push_back(gap_sweep_task(config_, calendars_));
  if (config_.quality.divergence_check) tasks_.push_back(divergence_check_task(config_, sources_));
}

void DaemonLoop::run_due_tasks(sys_seconds now, const std::atomic<bool>& stop) {
  for (const PeriodicTask& task : tasks_) {
    if (stop) return;
    try {
      auto lease = pool_.acquire();
      run_periodic_task_if_due(task, *lease, now, stop, holder_);
    } catch (const std::exception& e) {
      log_error("periodic task failed; trying again at the next tick",
                {{"task", task.name}, {"error", e.what()}});
    }
  }
}

void DaemonLoop::run(const std::atomic<bool>& stop) {
  DaemonTick tick(config_, sources_, calendars_, holder_.host_id, streams_);
  const minutes interval{config_.daemon.interval_minutes};
  log_info("daemon started", {{"interval_minutes", static_cast<std::int64_t>(interval.count())}});
  // A tick the database interrupted is tried again after a ReconnectBackoff wait while that comes
  // before the next boundary, so a short outage does not cost a whole interval of quotes.
  ReconnectBackoff backoff;
  std::optional<sys_seconds> retry_at;
  while (!stop && !retiring_) {
    const sys_seconds at = retry_at.value_or(next_tick_after(wall_now(), interval));
    retry_at.reset();
    wait_until(at, stop, retiring_);
    if (stop || retiring_) break;
    const auto started = steady_clock::now();
    try {
      run_due_tasks(wall_now(), stop);
      auto lease = pool_.acquire();
      tick.run(*lease, at, &stop);
      backoff.reset();
    } catch (const std::exception& e) {
      if (is_database_outage(e)) {
        const sys_seconds again = ceil<seconds>(system_clock::now() + backoff.next_delay());
        if (again < next_tick_after(wall_now(), interval)) retry_at = again;
      }
      const sys_seconds next = retry_at.value_or(next_tick_after(wall_now(), interval));
      log_error(
          retry_at ? "daemon tick interrupted by a database outage; trying again soon"
                   : "daemon tick failed; trying again at the next boundary",
          {{"error", e.what()}, {"retry_in_s", static_cast<std::int64_t>((next - wall_now()).count())}});
    }
    host_metrics().daemon_tick_duration.labels().observe(
        duration<double>(steady_clock::now() - started).count());
  }
  log_info("daemon stopped");
}

}  // namespace pricefeed::host
