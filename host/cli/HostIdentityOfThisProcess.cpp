#include "host/cli/HostIdentityOfThisProcess.hpp"

#include <unistd.h>

#include "host/cluster/HostId.hpp"
#include "host/db/Migrator.hpp"
#include "host/db/SqlDirectory.hpp"
#include "host/http/HealthRoute.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

HostIdentity host_identity_of_this_process(std::vector<std::string> roles) {
  HostIdentity identity{.id = this_host_id(),
                        .host_name = this_host_name(),
                        .pid = static_cast<int>(getpid()),
                        .version = std::string(pricefeed_version()),
                        .schema_version = std::nullopt,
                        .roles = std::move(roles)};
  try {
    identity.schema_version = Migrator(find_sql_directory()).latest_version();
  } catch (const std::exception& e) {
    log_warn(
        "cannot tell which migrations this pricefeed knows; `pricefeed migrate` will treat this host "
        "as older than every migration while it runs",
        {{"error", e.what()}});
  }
  return identity;
}

}  // namespace pricefeed::host
