#include "host/http/ApiRoutes.hpp"

#include "host/http/AdminReloadRoute.hpp"
#include "host/http/ClusterHealthRoute.hpp"
#include "host/http/EventsRoute.hpp"
#include "host/http/HealthRoute.hpp"
#include "host/http/MetricsRoute.hpp"
#include "host/http/QueueHealthRoute.hpp"
#include "host/http/SourcesHealthRoute.hpp"

namespace pricefeed::host {

void add_api_routes(Router& router, const ApiRouteServices& services) {
  if (services.reloader != nullptr) {
    add_health_route(router, services.health_pool, *services.reloader);
    add_admin_reload_route(router, *services.reloader);
  } else {
    add_health_route(router, services.health_pool);
  }
  add_queue_health_route(router, services.queue);
  add_sources_health_route(router, services.sources);
  add_cluster_health_route(router, services.health_pool, services.dead_after);
  add_metrics_route(router, services.metrics);
  add_events_route(router, services.inbox);
}

}  // namespace pricefeed::host
