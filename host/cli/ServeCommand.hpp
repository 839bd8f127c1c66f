#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

// `pricefeed serve`: the HTTP API, event handling (HTTP, LISTEN/NOTIFY and the sweep) and the
// backfill worker in one process, until SIGINT or SIGTERM.
int run_serve_command(const GlobalOptions& options);

}  // namespace pricefeed::host
