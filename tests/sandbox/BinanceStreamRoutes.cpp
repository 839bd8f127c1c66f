// The Binance stream's routes: GET /stream without a WebSocket upgrade (the upgrade itself is taken
// by Server and served by BinanceStreamSession), and its control API:
//   GET  /__sandbox/binance/stream          settings, counters, open connections
//   POST /__sandbox/binance/stream          changes settings: {"frames_per_second":10,"lifetime_ms":2000}
//   POST /__sandbox/binance/stream/faults   {"kind":"drop|stall|malformed|shutdown","symbol":"BTCUSDT",
//                                            "seconds":5,"close_after_ms":1000} on the open connections
#include <stdexcept>

#include "tests/sandbox/BinanceStreamHub.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using boost::beast::http::verb;
using json = nlohmann::json;

json body_of(const Request& req) {
  return req.body.empty() ? json::object() : json::parse(req.body);
}

}  // namespace

void add_binance_stream_routes(Sandbox& sb, Router& router) {
  Route upgrade_expected;
  upgrade_expected.id = "binance.stream";
  upgrade_expected.family = "binance";
  upgrade_expected.pattern = "/stream";
  upgrade_expected.handler = [](const Request&) {
    return Response::text(426, "Upgrade Required: /stream is a WebSocket (Binance's combined stream)");
  };
  router.add(upgrade_expected);

  auto control = [&](verb method, std::string pattern, std::string id,
                     std::function<Response(BinanceStreamHub&, const Request&)> handler) {
    Route r;
    r.id = std::move(id);
    r.family = "sandbox";
    r.method = method;
    r.pattern = std::move(pattern);
    r.control = true;
    r.handler = [&sb, handler = std::move(handler)](const Request& req) {
      try {
        return handler(sb.binance_stream(), req);
      } catch (const json::exception& e) {
        return Response::json(400, json{{"error", e.what()}}.dump());
      } catch (const std::invalid_argument& e) {
        return Response::json(400, json{{"error", e.what()}}.dump());
      }
    };
    router.add(std::move(r));
  };
  control(verb::get, "/__sandbox/binance/stream", "sandbox.binance_stream",
          [](BinanceStreamHub& hub, const Request&) { return Response::json(200, hub.to_json().dump()); });
  control(verb::post, "/__sandbox/binance/stream", "sandbox.binance_stream",
          [](BinanceStreamHub& hub, const Request& req) {
            hub.update_settings(body_of(req));
            return Response::json(200, hub.settings().to_json().dump());
          });
  control(verb::post, "/__sandbox/binance/stream/faults", "sandbox.binance_stream_faults",
          [](BinanceStreamHub& hub, const Request& req) {
            const StreamFault fault = StreamFault::from_json(body_of(req));
            const auto hit = hub.inject(fault);
            json answer = {{"kind", StreamFault::name(fault.kind)}, {"connections", hit}};
            if (fault.symbol) answer["symbol"] = *fault.symbol;
            return Response::json(201, answer.dump());
          });
}

}  // namespace pricefeed::sandbox
