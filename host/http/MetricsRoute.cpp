#include "host/http/MetricsRoute.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

void add_metrics_route(Router& router, std::vector<MetricsRegistry*> registries) {
  router.add(http::verb::get, "/metrics", RouteAccess::bearer_token,
             [registries = std::move(registries)](const HttpServerRequest&) {
               PrometheusTextWriter writer;
               for (MetricsRegistry* registry : registries)
                 registry->expose(writer);
               HttpServerResponse response{http::status::ok, 11};
               response.set(http::field::content_type, kPrometheusTextContentType);
               response.body() = writer.take();
               response.prepare_payload();
               return response;
             });
}

}  // namespace pricefeed::host
