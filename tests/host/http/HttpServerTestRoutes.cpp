#include "tests/host/http/HttpServerTestRoutes.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

#include "host/http/HealthRoute.hpp"
#include "host/http/HttpServerMessages.hpp"

namespace pricefeed::host::testing {

using namespace std::chrono_literals;
namespace http = boost::beast::http;

HttpServerSettings loopback() {
  HttpServerSettings settings;
  settings.listen = "127.0.0.1:0";
  settings.stop_grace = 5s;
  return settings;
}

Router router_with_test_routes(std::string token) {
  Router router(std::move(token));
  add_health_route(router, std::chrono::steady_clock::now() - 42s, "9.8.7");
  router.add(http::verb::post, "/echo", RouteAccess::bearer_token, [](const HttpServerRequest& request) {
    return json_response(http::status::ok, {{"echo", request.body()}});
  });
  router.add(http::verb::get, "/slow", RouteAccess::open, [](const HttpServerRequest&) {
    std::this_thread::sleep_for(700ms);
    return json_response(http::status::ok, {{"slow", true}});
  });
  router.add(http::verb::get, "/throws", RouteAccess::open,
             [](const HttpServerRequest&) -> HttpServerResponse { throw std::runtime_error("boom"); });
  return router;
}

}  // namespace pricefeed::host::testing
