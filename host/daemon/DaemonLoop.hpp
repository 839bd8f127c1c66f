// The daemon's schedule run for real: a tick on every interval boundary, the weekly catalog refresh
// when due (remembered in daemon_runs, so a restart does not refresh again), each on an Asio timer.
// A tick that fails (the database is down, say) is logged and the next boundary tried; the loop
// ends when `stop` is set.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

class DaemonLoop {
 public:
  DaemonLoop(const Config& config, const SourceRegistry& sources, const ExchangeCalendars& calendars,
             ConnectionPool& pool);

  void run(const std::atomic<bool>& stop);

 private:
  void refresh_catalog_if_due(std::chrono::sys_seconds now, const std::atomic<bool>& stop);

  const Config& config_;
  const SourceRegistry& sources_;
  const ExchangeCalendars& calendars_;
  ConnectionPool& pool_;
};

}  // namespace pricefeed::host
