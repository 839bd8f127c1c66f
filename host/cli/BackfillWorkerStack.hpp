// The backfill worker's parts, built from configuration the same way for `worker` and `serve`.
#pragma once

#include <chrono>
#include <memory>

#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/quality/GapFinder.hpp"
#include "host/quality/JobQualityChecks.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/worker/BackfillJobRunner.hpp"
#include "host/worker/BackfillWorker.hpp"

namespace pricefeed::host {

class BackfillWorkerStack {
 public:
  BackfillWorkerStack(const Config& config, const SourceRegistry& sources, ConnectionPool& pool,
                      std::chrono::milliseconds idle_poll);

  BackfillWorker& worker() noexcept { return worker_; }
  const BackfillWorkerOptions& options() const noexcept { return options_; }

 private:
  static BackfillWorkerOptions options_from(const Config& config, std::chrono::milliseconds idle_poll);
  // The calendars the gap check after each job needs; null (and a warning) when the exchanges file
  // cannot be loaded: jobs still run, and the daemon's sweep finds their gaps later.
  static std::unique_ptr<ExchangeCalendars> calendars_from(const Config& config);

  BackfillWorkerOptions options_;
  BackfillQueue queue_;
  std::unique_ptr<ExchangeCalendars> calendars_;
  std::unique_ptr<GapFinder> gap_finder_;
  JobQualityChecks quality_checks_;
  BackfillJobRunner runner_;
  BackfillWorker worker_;
};

}  // namespace pricefeed::host
