#include "host/http/HealthRoute.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

std::string_view pricefeed_version() {
  return PRICEFEED_VERSION;
}

void add_health_route(Router& router, std::chrono::steady_clock::time_point started, std::string version) {
  router.add(
      http::verb::get, "/health", RouteAccess::open,
      [started, version = std::move(version)](const HttpServerRequest&) {
        const auto uptime =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
        return json_response(http::status::ok,
                             {{"status", "ok"}, {"version", version}, {"uptime_seconds", uptime.count()}});
      });
}

}  // namespace pricefeed::host
