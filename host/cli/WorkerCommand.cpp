#include "host/cli/WorkerCommand.hpp"

#include <iostream>

#include "host/cli/ShutdownSignal.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/log/Log.hpp"
#include "host/worker/BackfillWorker.hpp"

namespace pricefeed::host {

int run_worker_command(const GlobalOptions& options, bool once) {
  Config config = load_command_config(options);
  const std::atomic<bool>& stop = shutdown_requested();
  SourceRuntime sources(config);
  ConnectionPool pool(config.database.url, static_cast<std::size_t>(config.database.pool_size));
  BackfillQueue queue(pool, BackfillQueueOptions{.retry_base_minutes = config.worker.retry_base_minutes});
  const auto lease = std::chrono::seconds(config.worker.lease_seconds);
  BackfillJobRunner runner(pool, queue, sources.registry(), config.routing, lease,
                           std::make_shared<PricePartitions>());
  BackfillWorkerOptions worker_options;
  worker_options.worker_id = default_worker_id();
  worker_options.batch_size = config.worker.batch_size;
  worker_options.lease = lease;
  // Every job holds a pooled connection while it writes; one is left for claiming and outcomes.
  worker_options.threads = std::max(1, config.database.pool_size - 1);
  BackfillWorker worker(queue, runner, worker_options);

  log_info("worker started", {{"worker_id", worker_options.worker_id}, {"once", once ? "yes" : "no"}});
  if (once) {
    WorkerTally tally = worker.drain(stop);
    std::cout << "jobs run: " << tally.total() << " (completed " << tally.completed << ", to retry "
              << tally.retry_later << ", failed " << tally.failed << ", lost lease " << tally.lease_lost
              << ")\n";
  } else {
    worker.run(stop);
  }
  log_info("worker stopped", {{"worker_id", worker_options.worker_id}});
  return 0;
}

}  // namespace pricefeed::host
