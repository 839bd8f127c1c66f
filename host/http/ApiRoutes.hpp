#pragma once

// The route table of `pricefeed serve`'s HTTP API, in one place, so that what is fuzzed
// (tests/fuzz/http_request_fuzz) is what is served:
//
//   GET  /health          open          HealthRoute (SELECT 1 on `health_pool`)
//   GET  /health/queue    bearer token  QueueHealthRoute
//   GET  /health/sources  bearer token  SourcesHealthRoute
//   GET  /health/cluster  bearer token  ClusterHealthRoute (the hosts table, on `health_pool`)
//   GET  /metrics         bearer token  MetricsRoute
//   POST /v1/events       bearer token  EventsRoute (EventInbox)
//   POST /v1/admin/reload bearer token  AdminReloadRoute (serve's ConfigReloader, when given)

#include <chrono>
#include <vector>

#include "host/db/ConnectionPool.hpp"
#include "host/health/SourceHealthReader.hpp"
#include "host/http/Router.hpp"
#include "host/inbox/EventInbox.hpp"
#include "host/metrics/MetricsRegistry.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/reload/ConfigReloader.hpp"

namespace pricefeed::host {

// What the routes answer from; everything is borrowed and must outlive the router.
struct ApiRouteServices {
  ConnectionPool& health_pool;
  BackfillQueue& queue;
  const SourceHealthReader& sources;
  std::vector<MetricsRegistry*> metrics;
  const EventInbox& inbox;
  std::chrono::seconds dead_after{60};  // [cluster] dead_after_seconds, for /health/cluster
  // serve's reloads: POST /v1/admin/reload and GET /health's "reload"; null: neither.
  ConfigReloader* reloader = nullptr;
};

void add_api_routes(Router& router, const ApiRouteServices& services);

}  // namespace pricefeed::host
