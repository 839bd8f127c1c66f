#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

// `pricefeed plugins`: one row per plugin file found (loaded, or why it was refused), then one row
// per source instance (running, or why not), each [routing] link (ready, or why it cannot serve:
// also a warning in the log), and the calendar file in use. Exit code 0 even when some are refused: the
// listing is the answer; the host itself runs with whatever loaded.
int run_plugins_command(const GlobalOptions& options);

}  // namespace pricefeed::host
