#pragma once

// GET /health: the process is alive and serving (DESIGN.md "Interfaces: HTTP API").
//
//   200 {"status": "ok", "version": "0.1.0", "uptime_seconds": 42}
//
// It does not touch the database or the sources, so a load balancer's frequent probe costs nothing
// and says only "this process answers"; /health/queue and /health/sources report on the rest.

#include <chrono>
#include <string>
#include <string_view>

#include "host/http/Router.hpp"

namespace pricefeed::host {

// The project version this host was built as (CMake's PROJECT_VERSION).
std::string_view pricefeed_version();

// Uptime counts from `started`, normally when the process started.
void add_health_route(Router& router,
                      std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now(),
                      std::string version = std::string(pricefeed_version()));

}  // namespace pricefeed::host
