#include "host/cli/BackfillWorkerStack.hpp"

#include <algorithm>

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

BackfillWorkerStack::BackfillWorkerStack(const Config& config, const SourceRegistry& sources,
                                         ConnectionPool& pool, std::chrono::milliseconds idle_poll)
    : options_(options_from(config, idle_poll)),
      queue_(pool, BackfillQueueOptions{.retry_base_minutes = config.worker.retry_base_minutes}),
      runner_(pool, queue_, sources, config.routing, options_.lease, std::make_shared<PricePartitions>()),
      worker_(queue_, runner_, options_) {}

}  // namespace pricefeed::host
