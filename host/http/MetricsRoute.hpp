#pragma once

// GET /metrics: every registry given, one after the other, in the Prometheus text format 0.0.4
// (docs/metrics.md). Always 200: a database that cannot be read shows as pricefeed_database_up 0
// inside the answer, not as a failed scrape, so the in-process metrics are never lost to an outage.
// Needs the token when [http].auth_token is set, like /health/queue: the counts are operational
// detail (Prometheus sends it with `authorization: {credentials: ...}` in its scrape config).

#include <vector>

#include "host/http/Router.hpp"
#include "host/metrics/MetricsRegistry.hpp"

namespace pricefeed::host {

// The registries must outlive the router; their family names must not overlap.
void add_metrics_route(Router& router, std::vector<MetricsRegistry*> registries);

}  // namespace pricefeed::host
