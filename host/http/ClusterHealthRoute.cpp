#include "host/http/ClusterHealthRoute.hpp"

#include <pqxx/pqxx>

#include "host/cluster/ClusterHosts.hpp"
#include "host/health/DatabaseProbe.hpp"
#include "host/http/DatabaseUnavailableResponse.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

void add_cluster_health_route(Router& router, ConnectionPool& pool, std::chrono::seconds dead_after) {
  router.add(http::verb::get, "/health/cluster", RouteAccess::bearer_token,
             [&pool, dead_after](const HttpServerRequest&) {
               try {
                 auto lease = pool.acquire();
                 pqxx::read_transaction tx(*lease, "health: cluster");
                 return json_response(http::status::ok,
                                      cluster_hosts_json(read_cluster_hosts(tx, dead_after)));
               } catch (const std::exception& error) {
                 return database_unavailable_response(describe_database_error(error));
               }
             });
}

}  // namespace pricefeed::host
