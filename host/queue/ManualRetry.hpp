// What an operator's `pricefeed jobs retry` did to one job (BackfillQueue::retry).
#pragma once

#include <cstdint>
#include <optional>

#include "host/queue/QueuedJob.hpp"

namespace pricefeed::host {

struct ManualRetry {
  enum class Result {
    queued_again,        // pending and due now, with a full attempt budget and every source to try
    not_found,           // no job has that id
    refused,             // completed (nothing to redo) or in_progress (a worker holds it): see job.status
    covered_by_open_job  // another open job has the same asset, resolution and range: open_job_id
  };
  Result result = Result::not_found;
  // The job as it was before the retry (empty for not_found): its status, its last error.
  std::optional<QueuedJob> job;
  std::optional<std::int64_t> open_job_id;
  std::optional<JobStatus> open_job_status;
};

}  // namespace pricefeed::host
