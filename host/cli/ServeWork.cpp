#include "host/cli/ServeWork.hpp"

#include <thread>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/cli/BackfillWorkerStack.hpp"
#include "host/daemon/DaemonLoop.hpp"
#include "host/worker/BackfillWorker.hpp"

namespace pricefeed::host {

struct ServeWork::Generation {
  Generation(std::shared_ptr<const Config> config_in, const SourceRegistry& sources, ConnectionPool& pool,
             const StreamCoverage* streams)
      : config(std::move(config_in)),
        calendars(load_exchange_calendars(locate_exchanges_file(*config).path)),
        backfill(*config, sources, pool, std::chrono::seconds(2)),
        daemon(*config, sources, calendars, pool, backfill.options().worker_id, streams) {}

  void start(const std::atomic<bool>& stop) {
    backfill_thread = std::jthread([this, &stop] {
      backfill.worker().run(stop);
      ++threads_done;
    });
    daemon_thread = std::jthread([this, &stop] {
      daemon.run(stop);
      ++threads_done;
    });
  }
  bool ended() const { return threads_done == 2; }
  void retire() {
    backfill.worker().retire();
    daemon.retire();
  }
  void join() {
    if (backfill_thread.joinable()) backfill_thread.join();
    if (daemon_thread.joinable()) daemon_thread.join();
  }

  std::shared_ptr<const Config> config;  // first: everything below borrows from it
  ExchangeCalendars calendars;
  BackfillWorkerStack backfill;
  DaemonLoop daemon;
  std::atomic<int> threads_done{0};
  std::jthread backfill_thread;
  std::jthread daemon_thread;
};

ServeWork::ServeWork(const SourceRegistry& sources, ConnectionPool& pool, const std::atomic<bool>& stop,
                     const StreamCoverage* streams)
    : sources_(sources), pool_(pool), stop_(stop), streams_(streams), worker_id_(default_worker_id()) {}

// Normally serve's stop flag has ended every generation by now; on an early exit (an exception) the
// generations are retired so that the join below returns once what they run has finished.
ServeWork::~ServeWork() {
  {
    std::lock_guard lock(mutex_);
    for (const auto& generation : generations_)
      generation->retire();
  }
  join();
}

std::function<void()> ServeWork::prepare(std::shared_ptr<const Config> config) {
  auto next = std::make_shared<Generation>(std::move(config), sources_, pool_, streams_);
  return [this, next] {
    collect_retired();
    std::lock_guard lock(mutex_);
    if (!generations_.empty()) generations_.back()->retire();
    next->start(stop_);
    generations_.push_back(next);
  };
}

void ServeWork::collect_retired() {
  std::vector<std::shared_ptr<Generation>> done;
  {
    std::lock_guard lock(mutex_);
    for (auto it = generations_.begin(); it + 1 < generations_.end();) {
      // A retired generation whose threads returned: joining it does not wait.
      if ((*it)->ended()) {
        done.push_back(*it);
        it = generations_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& generation : done)
    generation->join();
}

std::vector<std::int64_t> ServeWork::jobs_held() const {
  std::lock_guard lock(mutex_);
  std::vector<std::int64_t> held;
  for (const auto& generation : generations_) {
    const auto jobs = generation->backfill.worker().jobs_held();
    held.insert(held.end(), jobs.begin(), jobs.end());
  }
  return held;
}

void ServeWork::join() {
  std::vector<std::shared_ptr<Generation>> all;
  {
    std::lock_guard lock(mutex_);
    all = generations_;
  }
  for (const auto& generation : all)
    generation->join();
}

}  // namespace pricefeed::host
