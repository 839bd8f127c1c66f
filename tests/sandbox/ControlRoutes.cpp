// The control API under /__sandbox: health, counters, faults, data scenarios, rate limits, clock, routes,
// truth.
#include <charconv>
#include <sstream>
#include <stdexcept>

#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using boost::beast::http::verb;
using nlohmann::json;

Response json_ok(const json& j, unsigned status = 200) {
  return Response::json(status, j.dump());
}

Response bad_request(const std::string& message) {
  return Response::json(400, json{{"error", message}}.dump());
}

json parse_body(const Request& r) {
  if (r.body.empty()) return json::object();
  return json::parse(r.body);  // throws json::parse_error
}

std::optional<std::chrono::sys_seconds> instant_of(const json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_number()) return std::chrono::sys_seconds{std::chrono::seconds{v.get<std::int64_t>()}};
  auto t = parse_instant(v.get<std::string>());
  if (!t) throw std::invalid_argument("now: expected epoch seconds or YYYY-MM-DDTHH:MM:SSZ");
  return t;
}

std::optional<std::chrono::sys_days> day_of(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto d = parse_iso_date(*s);
  if (!d) throw std::invalid_argument("expected a date YYYY-MM-DD, got '" + *s + "'");
  return d;
}

std::uint64_t seq_of(const std::string& text) {
  std::uint64_t seq = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seq);
  if (error != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument("after: expected a request's seq (a whole number), got '" + text + "'");
  return seq;
}

}  // namespace

void add_control_routes(Sandbox& sb, Router& router) {
  auto add = [&](verb method, std::string pattern, std::string id, Handler handler) {
    Route r;
    r.id = std::move(id);
    r.family = "sandbox";
    r.method = method;
    r.pattern = std::move(pattern);
    r.handler = [handler = std::move(handler)](const Request& req) {
      try {
        return handler(req);
      } catch (const json::exception& e) {
        return bad_request(e.what());
      } catch (const std::invalid_argument& e) {
        return bad_request(e.what());
      }
    };
    r.control = true;
    router.add(std::move(r));
  };

  add(verb::get, "/__sandbox/health", "sandbox.health",
      [](const Request&) { return Response::text(200, "ok"); });

  add(verb::get, "/__sandbox/stats", "sandbox.stats", [&sb](const Request&) {
    json j = sb.counters().to_json();
    return json_ok(j);
  });

  add(verb::post, "/__sandbox/reset", "sandbox.reset", [&sb](const Request&) {
    sb.reset();
    return json_ok({{"status", "reset"}});
  });

  // The request log, oldest first: all of it, or what came after `after` (a seq), of one family or route.
  add(verb::get, "/__sandbox/requests", "sandbox.requests", [&sb](const Request& req) {
    RequestLogFilter filter;
    if (auto after = req.param("after")) filter.after_seq = seq_of(*after);
    filter.family = req.param("family");
    filter.route = req.param("route");
    return json_ok(sb.requests().to_json(filter));
  });
  add(verb::delete_, "/__sandbox/requests", "sandbox.requests", [&sb](const Request&) {
    sb.requests().clear();
    return json_ok({{"status", "cleared"}});
  });

  add(verb::get, "/__sandbox/faults", "sandbox.faults", [&sb](const Request&) {
    json list = json::array();
    for (const auto& f : sb.faults().list())
      list.push_back(FaultPlan::to_json(f));
    return json_ok({{"faults", list}});
  });
  add(verb::post, "/__sandbox/faults", "sandbox.faults", [&sb](const Request& req) {
    json body = parse_body(req);
    std::vector<json> added;
    for (const json& one : body.is_array() ? body : json::array({body})) {
      Fault f = FaultPlan::from_json(one);
      f.id = sb.faults().add(f);
      added.push_back(FaultPlan::to_json(f));
    }
    return json_ok(added.size() == 1 ? added.front() : json(added), 201);
  });
  add(verb::delete_, "/__sandbox/faults", "sandbox.faults", [&sb](const Request&) {
    sb.faults().clear();
    return json_ok({{"status", "cleared"}});
  });
  add(verb::delete_, "/__sandbox/faults/{id}", "sandbox.faults", [&sb](const Request& req) {
    bool removed = sb.faults().remove(std::stoull(req.params.at("id")));
    return removed ? json_ok({{"status", "removed"}}) : json_ok({{"error", "no such fault"}}, 404);
  });

  add(verb::get, "/__sandbox/scenarios", "sandbox.scenarios", [&sb](const Request&) {
    json list = json::array();
    for (const auto& s : sb.scenarios().list())
      list.push_back(ScenarioPlan::to_json(s));
    return json_ok({{"scenarios", list}});
  });
  add(verb::post, "/__sandbox/scenarios", "sandbox.scenarios", [&sb](const Request& req) {
    json body = parse_body(req);
    // All or none: a bad scenario in a list adds nothing.
    std::vector<Scenario> parsed;
    for (const json& one : body.is_array() ? body : json::array({body}))
      parsed.push_back(ScenarioPlan::from_json(one));
    std::vector<json> added;
    for (auto& s : parsed) {
      s.id = sb.scenarios().add(s);
      added.push_back(ScenarioPlan::to_json(s));
    }
    return json_ok(added.size() == 1 ? added.front() : json(added), 201);
  });
  add(verb::delete_, "/__sandbox/scenarios", "sandbox.scenarios", [&sb](const Request&) {
    sb.scenarios().clear();
    return json_ok({{"status", "cleared"}});
  });
  add(verb::delete_, "/__sandbox/scenarios/{id}", "sandbox.scenarios", [&sb](const Request& req) {
    bool removed = sb.scenarios().remove(std::stoull(req.params.at("id")));
    return removed ? json_ok({{"status", "removed"}}) : json_ok({{"error", "no such scenario"}}, 404);
  });

  add(verb::get, "/__sandbox/rate-limits", "sandbox.rate_limits",
      [&sb](const Request&) { return json_ok(sb.limiter().to_json()); });
  add(verb::post, "/__sandbox/rate-limits", "sandbox.rate_limits", [&sb](const Request& req) {
    json body = parse_body(req);
    if (!body.contains("route") || !body["route"].is_string())
      throw std::invalid_argument("'route' is required");
    std::string key = body["route"];
    if (body.contains("limit") && body["limit"].is_string()) {
      auto [k, limit] = RateLimiter::from_spec(key + "=" + body["limit"].get<std::string>());
      sb.limiter().set(k, limit);
    } else if (!body.contains("per_minute") || body["per_minute"].is_null()) {
      sb.limiter().set(key, std::nullopt);
    } else {
      RateLimit limit;
      limit.per_minute = body["per_minute"].get<double>();
      limit.burst = body.value("burst", std::max(1.0, limit.per_minute));
      sb.limiter().set(key, limit);
    }
    return json_ok(sb.limiter().to_json());
  });

  add(verb::get, "/__sandbox/clock", "sandbox.clock", [&sb](const Request&) {
    return json_ok({{"now", sb.now().time_since_epoch().count()}});
  });
  add(verb::post, "/__sandbox/clock", "sandbox.clock", [&sb](const Request& req) {
    json body = parse_body(req);
    sb.freeze_clock(instant_of(body.value("now", json(nullptr))));
    return json_ok(
        {{"now", sb.now().time_since_epoch().count()}, {"frozen", !body.value("now", json()).is_null()}});
  });

  add(verb::get, "/__sandbox/routes", "sandbox.routes", [&sb](const Request&) {
    json list = json::array();
    for (const auto& r : sb.router().routes()) {
      list.push_back({{"id", r.id},
                      {"family", r.family},
                      {"method", std::string(boost::beast::http::to_string(r.method))},
                      {"pattern", r.pattern}});
    }
    return json_ok({{"routes", list}});
  });

  // The model's daily bars for a symbol (what a correct pipeline stores), for scripts and demos.
  add(verb::get, "/__sandbox/truth/{symbol}", "sandbox.truth", [&sb](const Request& req) {
    auto in = sb.instrument(req.params.at("symbol"));
    if (!in) return json_ok({{"error", "unknown symbol"}}, 404);
    auto now = req.now;
    auto today = local_date(in->session, now);
    auto from = day_of(req.param("from")).value_or(today - std::chrono::days{30});
    auto to = day_of(req.param("to")).value_or(today);
    auto served = sb.model().daily_bars(*in, from, to, now);
    sb.scenarios().apply_truth(*in, served);
    json bars = json::array();
    for (const auto& b : served) {
      bars.push_back({{"date", iso_date(b.day)},
                      {"ts", b.ts.time_since_epoch().count()},
                      {"open", b.open},
                      {"high", b.high},
                      {"low", b.low},
                      {"close", b.close},
                      {"adj_close", b.adj_close},
                      {"volume", b.volume},
                      {"served_as_null", b.null}});
    }
    return json_ok({{"symbol", in->symbol}, {"currency", in->currency}, {"bars", bars}});
  });
}

}  // namespace pricefeed::sandbox
