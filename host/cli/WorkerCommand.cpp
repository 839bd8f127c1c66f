#include "host/cli/WorkerCommand.hpp"

#include <iostream>

#include "host/cli/BackfillWorkerStack.hpp"
#include "host/cli/HostIdentityOfThisProcess.hpp"
#include "host/cli/ShutdownSignal.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/cluster/HostHeartbeat.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

int run_worker_command(const GlobalOptions& options, bool once) {
  Config config = load_command_config(options);
  const std::atomic<bool>& stop = shutdown_requested();
  SourceRuntime sources(config);
  ConnectionPool pool(config.database.url, static_cast<std::size_t>(config.database.pool_size));
  BackfillWorkerStack stack(config, sources.registry(), pool, std::chrono::seconds(5));
  BackfillWorker& worker = stack.worker();
  const auto& worker_options = stack.options();

  HostHeartbeat heartbeat(config.database.url, host_identity_of_this_process({kWorkerRole}), config.cluster,
                          [&worker] { return worker.jobs_held(); });
  heartbeat.start();
  const std::jthread release_waiting_requests =
      when_shutdown_requested([&] { sources.stop_waiting_for_tokens(); });
  log_info("worker started", {{"worker_id", worker_options.worker_id}, {"once", once ? "yes" : "no"}});
  if (once) {
    WorkerTally tally = worker.drain(stop);
    std::cout << "jobs run: " << tally.total() << " (completed " << tally.completed << ", to retry "
              << tally.retry_later << ", failed " << tally.failed << ", lost lease " << tally.lease_lost
              << ")\n";
  } else {
    worker.run(stop);
  }
  heartbeat.stop();
  log_info("worker stopped", {{"worker_id", worker_options.worker_id}});
  return 0;
}

}  // namespace pricefeed::host
