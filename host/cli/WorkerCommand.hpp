#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

// `pricefeed worker [--once]`: runs backfill jobs; --once drains the due ones and exits.
int run_worker_command(const GlobalOptions& options, bool once);

}  // namespace pricefeed::host
