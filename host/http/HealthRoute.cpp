#include "host/http/HealthRoute.hpp"

#include <boost/beast/http/field.hpp>

#include "host/health/DatabaseProbe.hpp"
#include "host/http/DatabaseUnavailableResponse.hpp"
#include "host/http/RouteAuthorization.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

// GET /health's "reload": how many reloads ran and how the last one ended.
nlohmann::json reload_status(const ConfigReloader& reloads, bool for_the_operator) {
  nlohmann::json status{{"count", reloads.count()}};
  if (const auto last = reloads.last()) {
    const nlohmann::json report = last->to_json();
    status["at"] = report["at"];
    status["outcome"] = report["outcome"];
    if (for_the_operator) status["errors"] = report["errors"];
  }
  return status;
}

void add_route(Router& router, ConnectionPool* database, std::chrono::steady_clock::time_point started,
               std::string version, const ConfigReloader* reloads = nullptr) {
  router.add(
      http::verb::get, "/health", RouteAccess::open,
      [database, started, version = std::move(version), reloads,
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
        nlohmann::json body{{"status", "ok"}, {"version", version}, {"uptime_seconds", uptime.count()}};
        if (reloads != nullptr)
          body["reload"] =
              reload_status(*reloads, bearer_token_matches(request[http::field::authorization], token));
        return json_response(http::status::ok, body);
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

void add_health_route(Router& router, ConnectionPool& database, const ConfigReloader& reloads) {
  add_route(router, &database, std::chrono::steady_clock::now(), std::string(pricefeed_version()), &reloads);
}

}  // namespace pricefeed::host
