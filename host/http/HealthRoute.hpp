#pragma once

// GET /health: the process is alive and serving, and can reach its database (docs/health.md
// "GET /health").
//
//   200 {"status": "ok", "version": "0.1.0", "uptime_seconds": 42,
//        "reload": {"count": 1, "at": "2026-12-07T21:00:00.000Z", "outcome": "applied"}}
//       (serve's; "count": 0 and nothing else before the first reload; "errors" with the token)
//   503 {"status": "unavailable"}
//   503 {"status": "unavailable", "reason": "database: cannot connect to PostgreSQL at ...: ..."}
//       only with "Authorization: Bearer <[http].auth_token>"; with no token configured, never.
//
// The route is open so that a load balancer can probe it, and is often the one route a proxy
// exposes; the reason names the database's host, port and user, so an anonymous caller learns only
// up or down. The reason shown to the operator is redacted like every answer (json_response).
//
// The database check is one `SELECT 1` on a connection of the pool it is given, bounded by that
// pool's acquire timeout, so a load balancer's frequent probe stays cheap and never waits long;
// /health/queue and /health/sources report on the rest. Without a pool (tests of the server alone)
// it says only "this process answers".

#include <chrono>
#include <string>
#include <string_view>

#include "host/db/ConnectionPool.hpp"
#include "host/http/Router.hpp"
#include "host/reload/ConfigReloader.hpp"

namespace pricefeed::host {

// The project version this host was built as (CMake's PROJECT_VERSION).
std::string_view pricefeed_version();

// Uptime counts from `started`, normally when the process started. No database check.
void add_health_route(Router& router,
                      std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now(),
                      std::string version = std::string(pricefeed_version()));

// With the database check on `database`, which must outlive the router.
void add_health_route(Router& router, ConnectionPool& database,
                      std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now(),
                      std::string version = std::string(pricefeed_version()));

// serve's: with the database check, and "reload": the last reload's time and outcome (`reloads`
// must outlive the router). Its errors name files and keys: only with the token, as the reason.
void add_health_route(Router& router, ConnectionPool& database, const ConfigReloader& reloads);

}  // namespace pricefeed::host
