// The queue at a glance, for GET /health/queue and the metrics.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>

#include "host/queue/JobStatus.hpp"

namespace pricefeed::host {

struct QueueStats {
  // Every status, with 0 for those that have no job.
  std::map<JobStatus, std::int64_t> jobs_by_status;
  // Jobs a claim would take right now (pending or rate-limited and past retry_after, or leased by a
  // worker whose lease expired).
  std::int64_t due = 0;
  // How long the job that has been due longest has waited; empty when nothing is due. Growing
  // steadily means the workers do not keep up (or none runs).
  std::optional<std::chrono::milliseconds> oldest_due_age;
  // Jobs that failed for good in the last 24 hours (by when they were last updated): a rate that
  // climbs means a source or an asset keeps breaking, whatever the total of failed jobs.
  std::int64_t failed_last_24h = 0;
};

}  // namespace pricefeed::host
