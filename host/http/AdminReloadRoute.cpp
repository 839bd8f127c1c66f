#include "host/http/AdminReloadRoute.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

void add_admin_reload_route(Router& router, ConfigReloader& reloader) {
  router.add(
      http::verb::post, "/v1/admin/reload", RouteAccess::bearer_token, [&reloader](const HttpServerRequest&) {
        const ReloadReport report = reloader.reload("POST /v1/admin/reload");
        const auto status =
            report.outcome == ReloadOutcome::refused ? http::status::unprocessable_entity : http::status::ok;
        return json_response(status, report.to_json());
      });
}

}  // namespace pricefeed::host
