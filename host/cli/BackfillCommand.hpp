#pragma once

#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct BackfillArguments {
  std::string symbol;
  std::string asset_class;
  std::string from;
  std::string to;  // empty: today
};

// `pricefeed backfill SYMBOL --class C --from DATE [--to DATE]`: tracks the asset (creating it when
// new) and queues one job per configured resolution; the worker fetches it.
int run_backfill_command(const GlobalOptions& options, const BackfillArguments& arguments);

}  // namespace pricefeed::host
