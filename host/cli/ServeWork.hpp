// What `pricefeed serve` runs from [worker], [daemon], [routing], [quality], [events] and [portfolio]:
// the backfill worker and the daemon loop, each on a thread of its own, built from one configuration.
//
// A reload that changes one of those sections (docs/reload.md) builds a new generation from the new
// configuration and starts it; the one before retires: it claims no job and starts no tick any more,
// finishes the jobs and the tick it runs, and ends. Both run side by side meanwhile, which the queue's
// claims (FOR UPDATE SKIP LOCKED) and the daemon's quote claims make safe, as for two hosts.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/stream/StreamCoverage.hpp"

namespace pricefeed::host {

class ServeWork {
 public:
  // `stop` is serve's shutdown flag: it ends every generation, cancelling what runs. `streams`: the
  // assets live on this host's streams, which every generation's daemon ticks leave to them; null
  // when the host streams none. Both must outlive this.
  ServeWork(const SourceRegistry& sources, ConnectionPool& pool, const std::atomic<bool>& stop,
            const StreamCoverage* streams = nullptr);
  ~ServeWork();
  ServeWork(const ServeWork&) = delete;
  ServeWork& operator=(const ServeWork&) = delete;

  // Builds the work of `config` without starting it; throws when it cannot be built (the trading
  // calendars do not load, say), leaving what runs alone. Calling the action returned starts it and
  // retires the generation running before.
  std::function<void()> prepare(std::shared_ptr<const Config> config);

  // The jobs every generation holds, for the host's heartbeat. Safe from any thread.
  std::vector<std::int64_t> jobs_held() const;
  // This process's worker id (hosts.id).
  const std::string& worker_id() const noexcept { return worker_id_; }

  // Waits until every generation has ended (after `stop` was set).
  void join();

 private:
  struct Generation;

  // Ends the retired generations whose threads are done.
  void collect_retired();

  const SourceRegistry& sources_;
  ConnectionPool& pool_;
  const std::atomic<bool>& stop_;
  const StreamCoverage* streams_;
  std::string worker_id_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<Generation>> generations_;  // the last one is current
};

}  // namespace pricefeed::host
