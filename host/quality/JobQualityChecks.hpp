// The checks that follow a finished backfill job (docs/quality.md, "Gaps" and "Splits"): the gaps the
// job was filling are checked again, the splits its sources reported are handled, and the days its
// range is still missing are recorded as gaps and queued to the routing chain's next source.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection_base>

#include "host/config/Config.hpp"
#include "host/plugins/SourceRecords.hpp"
#include "host/quality/GapFillScheduler.hpp"
#include "host/quality/GapFinder.hpp"
#include "host/quality/SplitRefetch.hpp"
#include "host/queue/ClaimedJob.hpp"

namespace pricefeed::host {

class JobQualityChecks {
 public:
  // `finder` null: no trading calendars were loaded, so no gap is judged (splits still are).
  JobQualityChecks(const GapFinder* finder, const RoutingConfig& routing, int max_attempts);

  // `completed_by`: the source that completed the job; empty when the job failed. `actions`: the
  // corporate actions that source reported. `now` decides which days have settled.
  void after_job(pqxx::connection_base& connection, const ClaimedJob& job, const std::string& completed_by,
                 const std::vector<Action>& actions, std::chrono::sys_seconds now) const;

 private:
  const GapFinder* finder_;
  std::optional<GapFillScheduler> scheduler_;
  SplitRefetch splits_;
};

}  // namespace pricefeed::host
