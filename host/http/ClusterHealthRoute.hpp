#pragma once

// GET /health/cluster: the hosts of the cluster as `pricefeed hosts --json` prints them
// (cluster_hosts_json, docs/health.md "GET /health/cluster"):
//
//   200 {"hosts": [{"id": "vm:4242", "state": "alive", "version": "0.2.0", "version_differs": false,
//                   "schema_version": 11, "roles": ["serve", "worker", "daemon"], "jobs": [12],
//                   "heartbeat_age_seconds": 3, ...}], "live": 1, "newest_version": "0.2.0"}
//   503 {"status": "unavailable", "reason": "database: ..."}
//
// Needs the token when [http].auth_token is set (host names, pids and versions are operational detail).

#include <chrono>

#include "host/db/ConnectionPool.hpp"
#include "host/http/Router.hpp"

namespace pricefeed::host {

// `pool` must outlive the router; a host is alive while its heartbeat is younger than `dead_after`.
void add_cluster_health_route(Router& router, ConnectionPool& pool, std::chrono::seconds dead_after);

}  // namespace pricefeed::host
