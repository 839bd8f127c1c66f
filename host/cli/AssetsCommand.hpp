#pragma once

#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct AssetsArguments {
  std::string asset_class;  // empty: every class
  bool all = false;         // also tracked assets nobody holds now, and inactive ones
  bool json = false;
};

// `pricefeed assets [--class C] [--all] [--json]`: the tracked assets with their holders, the
// history stored per resolution and how fresh their latest price is.
int run_assets_command(const GlobalOptions& options, const AssetsArguments& arguments);

}  // namespace pricefeed::host
