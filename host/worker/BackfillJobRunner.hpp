// Runs one claimed backfill job: walks the asset class's routing chain, streams each source's bars
// through validation into asset_prices, keeps the job's lease alive while it works, and records the
// outcome docs/backfill-worker.md names for every status a source can answer.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/db/PricePartitions.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/queue/ClaimedJob.hpp"

namespace pricefeed::host {

enum class JobOutcome { completed, retry_later, failed, lease_lost };

const char* job_outcome_name(JobOutcome outcome);

// A check run once a job has finished (completed or failed), on the job's own connection: the data
// quality checks of host/quality. `completed_by` is the source that completed the job, empty when it
// failed; `actions` are the corporate actions that source reported. A hook that throws is logged;
// the job's recorded outcome stands.
using FinishedJobHook =
    std::function<void(pqxx::connection& connection, const ClaimedJob& job, const std::string& completed_by,
                       const std::vector<Action>& actions)>;

class BackfillJobRunner {
 public:
  BackfillJobRunner(ConnectionPool& pool, BackfillQueue& queue, const SourceRegistry& sources,
                    const RoutingConfig& routing, std::chrono::milliseconds lease,
                    std::shared_ptr<PricePartitions> partitions);

  // `stop` is handed to the plugin as its cancellation flag.
  JobOutcome run(ClaimedJob& job, const std::atomic<bool>& stop);

  // Hooks run in the order added; add them before the worker starts.
  void add_finished_hook(FinishedJobHook hook) { finished_hooks_.push_back(std::move(hook)); }

 private:
  void run_finished_hooks(pqxx::connection& connection, const ClaimedJob& job,
                          const std::string& completed_by, const std::vector<Action>& actions) const;

  ConnectionPool& pool_;
  BackfillQueue& queue_;
  const SourceRegistry& sources_;
  const RoutingConfig& routing_;
  std::chrono::milliseconds lease_;
  std::shared_ptr<PricePartitions> partitions_;
  std::vector<FinishedJobHook> finished_hooks_;
};

}  // namespace pricefeed::host
