// The cluster as an operator sees it: every host in `hosts`, alive, dead or stopped, with its version,
// roles, jobs and heartbeat age. `pricefeed hosts` prints it, GET /health/cluster answers it as JSON.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/transaction_base>

namespace pricefeed::host {

enum class HostState {
  alive,    // heartbeat within dead_after_seconds
  dead,     // silent for longer, without a clean stop: killed, crashed, cut off
  stopped,  // shut down cleanly
};

std::string_view host_state_name(HostState state);

struct ClusterHost {
  std::string id;
  std::string host_name;
  int pid = 0;
  std::string version;
  std::optional<int> schema_version;
  std::vector<std::string> roles;
  std::string started_at;  // UTC, 2026-12-07T17:31:48Z
  std::string last_seen;
  HostState state = HostState::alive;
  std::int64_t heartbeat_age_seconds = 0;  // now() - last_seen, in the database's clock
  std::vector<std::int64_t> jobs;          // the backfill jobs it held at its last heartbeat
  bool version_differs = false;            // runs another version than the newest one listed
};

// Every row of `hosts`, live hosts first, then by id. A host is alive by the database's clock
// (pricefeed_host_alive with `dead_after`).
std::vector<ClusterHost> read_cluster_hosts(pqxx::transaction_base& tx, std::chrono::seconds dead_after);

// Orders "0.10.0" after "0.9.1": dot-separated numbers compare as numbers, the rest as text.
bool version_is_older(std::string_view version, std::string_view than);

// {"hosts": [{"id": ..., "state": "alive", "version": ..., "version_differs": false, "roles": [...],
//   "jobs": [...], "heartbeat_age_seconds": 3, ...}], "live": 2, "newest_version": "0.2.0"}
nlohmann::json cluster_hosts_json(const std::vector<ClusterHost>& hosts);

}  // namespace pricefeed::host
