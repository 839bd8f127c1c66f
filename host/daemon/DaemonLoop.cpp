#include "host/daemon/DaemonLoop.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/system_timer.hpp>
#include <pqxx/pqxx>

#include "host/catalog/CatalogSeeder.hpp"
#include "host/daemon/DaemonSchedule.hpp"
#include "host/daemon/DaemonTick.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_seconds wall_now() {
  return floor<seconds>(system_clock::now());
}

// Waits on an Asio timer until `at`, waking every second to notice `stop`.
void wait_until(sys_seconds at, const std::atomic<bool>& stop) {
  boost::asio::io_context io;
  boost::asio::system_timer timer(io);
  while (!stop && system_clock::now() < at) {
    timer.expires_at(std::min<system_clock::time_point>(at, system_clock::now() + seconds(1)));
    timer.wait();
  }
}

}  // namespace

DaemonLoop::DaemonLoop(const Config& config, const SourceRegistry& sources,
                       const ExchangeCalendars& calendars, ConnectionPool& pool)
    : config_(config), sources_(sources), calendars_(calendars), pool_(pool) {}

void DaemonLoop::refresh_catalog_if_due(sys_seconds now, const std::atomic<bool>& stop) {
  auto lease = pool_.acquire();
  std::optional<sys_seconds> last;
  {
    pqxx::work tx(*lease, "daemon: last catalog refresh");
    const auto rows =
        tx.exec("SELECT extract(epoch FROM last_run_at)::bigint FROM daemon_runs WHERE job = 'catalog'");
    if (!rows.empty()) last = sys_seconds{seconds{rows[0][0].as<std::int64_t>()}};
  }
  if (!catalog_refresh_due(now, last)) return;
  const CatalogSeedReport report = CatalogSeeder(sources_, config_.routing).seed(*lease, &stop);
  pqxx::work tx(*lease, "daemon: catalog refreshed");
  tx.exec(
      "INSERT INTO daemon_runs (job, last_run_at) VALUES ('catalog', now()) "
      "ON CONFLICT (job) DO UPDATE SET last_run_at = now()");
  tx.commit();
  log_info("catalog refreshed", {{"new", static_cast<std::int64_t>(report.written.inserted)},
                                 {"updated", static_cast<std::int64_t>(report.written.updated)},
                                 {"inactive", static_cast<std::int64_t>(report.written.deactivated)},
                                 {"sources_failed", report.all_sources_ok() ? "none" : "some"}});
}

void DaemonLoop::run(const std::atomic<bool>& stop) {
  DaemonTick tick(config_, sources_, calendars_);
  const minutes interval{config_.daemon.interval_minutes};
  log_info("daemon started", {{"interval_minutes", static_cast<std::int64_t>(interval.count())}});
  while (!stop) {
    const sys_seconds at = next_tick_after(wall_now(), interval);
    wait_until(at, stop);
    if (stop) break;
    try {
      refresh_catalog_if_due(wall_now(), stop);
      auto lease = pool_.acquire();
      tick.run(*lease, at, &stop);
    } catch (const std::exception& e) {
      log_error("daemon tick failed; trying again at the next boundary", {{"error", e.what()}});
    }
  }
  log_info("daemon stopped");
}

}  // namespace pricefeed::host
