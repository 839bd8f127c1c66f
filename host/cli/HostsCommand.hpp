#pragma once

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct HostsArguments {
  bool json = false;
};

// `pricefeed hosts [--json]`: every host in the hosts table (docs/cluster.md, "Seeing the hosts"), live
// ones first: alive, dead or stopped, its version (marked when it is not the newest one listed), roles,
// the jobs it holds and the age of its heartbeat. --json prints what GET /health/cluster answers.
int run_hosts_command(const GlobalOptions& options, const HostsArguments& arguments);

}  // namespace pricefeed::host
