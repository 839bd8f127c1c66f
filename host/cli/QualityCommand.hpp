#pragma once

#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct QualityArguments {
  std::string symbol;  // empty: every asset
  bool json = false;
  bool check = false;  // run the cross-source divergence check first (the daemon's daily task)
};

// `pricefeed quality [--asset SYMBOL] [--json] [--check]`: what the data-quality checks left for a person
// (docs/quality.md): open anomalies, unresolved gaps (open, queued, unfillable) and open
// divergences, as tables or (--json) one JSON object for scripts. --check runs the daily divergence
// check first, with the configured sources.
int run_quality_command(const GlobalOptions& options, const QualityArguments& arguments);

}  // namespace pricefeed::host
