// What a host says about itself in its hosts row.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pricefeed::host {

// The roles a process plays, as hosts.roles spells them.
inline constexpr const char* kServeRole = "serve";    // the HTTP API
inline constexpr const char* kWorkerRole = "worker";  // backfill jobs
inline constexpr const char* kDaemonRole = "daemon";  // ticks and periodic tasks

struct HostIdentity {
  std::string id;  // this_host_id()
  std::string host_name;
  int pid = 0;
  std::string version;                // the pricefeed version it runs
  std::optional<int> schema_version;  // the newest migration it knows; unknown without its sql/
  std::vector<std::string> roles;
};

}  // namespace pricefeed::host
