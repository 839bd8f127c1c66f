#pragma once

#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct JobsArguments {
  std::string status;  // empty: every status
  int limit = 50;
  bool json = false;
};

// `pricefeed jobs [--status S] [--limit N] [--json]`: the newest backfill jobs, a table with a
// footer of counts by status, or (--json) a JSON array of every column for scripts.
int run_jobs_command(const GlobalOptions& options, const JobsArguments& arguments);

}  // namespace pricefeed::host
