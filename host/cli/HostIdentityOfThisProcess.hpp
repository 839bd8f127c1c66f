// What this process writes into its hosts row (docs/cluster.md): its id, the version it was built as,
// the newest migration it knows, and the roles its command plays.
#pragma once

#include <string>
#include <vector>

#include "host/cluster/HostIdentity.hpp"

namespace pricefeed::host {

// The schema version is Migrator::latest_version() of the migrations `pricefeed migrate` would read;
// without them (a warning) it is left unknown, which the migrator counts as older than any migration.
HostIdentity host_identity_of_this_process(std::vector<std::string> roles);

}  // namespace pricefeed::host
