#pragma once

#include <cstdint>
#include <optional>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct JobsRetryArguments {
  std::optional<std::int64_t> job_id;
  bool all_failed = false;  // --failed
};

// `pricefeed jobs retry ID` / `pricefeed jobs retry --failed`: makes jobs due now again with a full
// attempt budget (BackfillQueue::retry says exactly what changes). ID exits 1 when the job does not
// exist, is completed or in progress, or another open job covers its range; --failed retries every
// failed job it can, says which it could not and why, and exits 0.
int run_jobs_retry_command(const GlobalOptions& options, const JobsRetryArguments& arguments);

}  // namespace pricefeed::host
