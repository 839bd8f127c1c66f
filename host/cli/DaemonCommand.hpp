#pragma once

#include <optional>
#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct DaemonArguments {
  int interval_minutes = 0;  // 0: daemon.interval_minutes
  bool once = false;
  std::string
      at;  // with --once: judge trading hours as of this instant (ISO 8601 UTC), for replays and tests
};

// `pricefeed daemon [--interval N] [--once [--at TIME]]`: live prices on a schedule, or one tick.
int run_daemon_command(const GlobalOptions& options, const DaemonArguments& arguments);

}  // namespace pricefeed::host
