#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

// `pricefeed migrate`: applies sql/ migrations; prints what it did. Returns the exit code.
int run_migrate_command(const GlobalOptions& options);

}  // namespace pricefeed::host
