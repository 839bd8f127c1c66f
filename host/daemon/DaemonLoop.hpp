// The daemon's schedule run for real: a tick on every interval boundary on an Asio timer, and before
// it each periodic task that is due (the weekly catalog refresh ...; see PeriodicTask). A tick or a
// task that fails (the database is down, say) is logged and tried again at the next boundary; the
// loop ends when `stop` is set.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"
#include "host/daemon/PeriodicTask.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/stream/StreamCoverage.hpp"

namespace pricefeed::host {

class DaemonLoop {
 public:
  // `host_id`: this host's id (hosts.id), in whose name each tick claims its assets and which holds a
  // periodic task while this loop runs it. `streams`: the assets live on this host's streams, which
  // the ticks leave to them (DaemonTick); null when the host streams none.
  DaemonLoop(const Config& config, const SourceRegistry& sources, const ExchangeCalendars& calendars,
             ConnectionPool& pool, std::string host_id, const StreamCoverage* streams = nullptr);

  // Runs ticks until `stop` is set (which cancels the tick running) or retire() was called.
  void run(const std::atomic<bool>& stop);

  // A reload replaced this loop (docs/reload.md): it starts no more ticks or tasks, lets the one
  // running finish, and run() returns. Safe from any thread.
  void retire() noexcept { retiring_ = true; }

 private:
  void run_due_tasks(std::chrono::sys_seconds now, const std::atomic<bool>& stop);

  const Config& config_;
  const SourceRegistry& sources_;
  const ExchangeCalendars& calendars_;
  ConnectionPool& pool_;
  const StreamCoverage* streams_;
  std::vector<PeriodicTask> tasks_;
  PeriodicTaskHolder holder_;
  std::atomic<bool> retiring_{false};
};

}  // namespace pricefeed::host
