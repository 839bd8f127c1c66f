#include "host/http/HealthRoute.hpp"

#include <boost/beast/http/field.hpp>

#include "host/health/DatabaseProbe.hpp"
#include "host/http/DatabaseUnavailableResponse.hpp"
#include "host/http/RouteAuthorization.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

void add_route(Router& router, ConnectionPool* database, std::chrono::steady_clock::time_point started,
               std::string version) {
  router.add(
      http::verb::get, "/health", RouteAccess::open,
      [database, started, version = std::move(version),
       token = router.auth_token()](const HttpServerRequest& request) {
        if (database != nullptr) {
          if (auto reason = database_unreachable_reason(*database)) {
            // The reason names the database's address and user: only for the operator.
            if (!bearer_token_matches(request[http::field::authorization], token))
              return json_response(http::status::service_unavailable, {{"status", "unavailable"}});
            return database_unavailable_response(*reason);
          }
        }
        const auto uptime =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
        return json_response(http::status::ok,
                             {{"status", "ok"}, {"version", version}, {"uptime_seconds", uptime.count()}});
      });
}

}  // namespace

std::string_view pricefeed_version() {
  return PRICEFEED_VERSION;
}

void add_health_route(Router& router, std::chrono::steady_clock::time_point started, std::string version) {
  add_route(router, nullptr, started, std::move(version));
}

void add_health_route(Router& router, ConnectionPool& database, std::chrono::steady_clock::time_point started,
                      std::string version) {
  add_route(router, &database, started, std::move(version));
}

}  // namespace pricefeed::host
