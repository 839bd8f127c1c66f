// Who this process is to the rest of the cluster: hosts.id, backfill_queue.locked_by and
// daemon_runs.running_by all hold it.
#pragma once

#include <string>

namespace pricefeed::host {

// gethostname(), or "unknown" when the system will not say.
std::string this_host_name();

// "<hostname>:<pid>": unique among the processes running at once, and new for every start.
std::string this_host_id();

}  // namespace pricefeed::host
