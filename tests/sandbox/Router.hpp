// Requests, responses and the route table of the sandbox.
//
// Each upstream API registers its routes (one file per API: YahooRoutes.cpp, NasdaqTraderRoutes.cpp...).
// A route has an id ("yahoo.chart") used by faults, rate limits and counters, a family ("yahoo") that
// shares one rate limit, a method and a path pattern whose {name} segments capture decoded values.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/verb.hpp>

namespace pricefeed::sandbox {

using Clock = std::chrono::system_clock;

struct Request {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string target;                             // as received: path and query, encoded
  std::string path;                               // decoded path
  std::multimap<std::string, std::string> query;  // decoded parameters
  std::map<std::string, std::string> params;      // captured {name} segments, decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::sys_seconds now{};  // the sandbox clock when the request arrived
  std::string peer;                // the client's "address:port" as the server saw it; empty in-process

  // The first value of a query parameter, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  // A header (case-insensitive name), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
  // One cookie of the Cookie header, or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json;charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(unsigned status, std::string body);
  static Response text(unsigned status, std::string body);
};

using Handler = std::function<Response(const Request&)>;

struct Route {
  std::string id;      // "yahoo.chart"
  std::string family;  // "yahoo": faults and rate limits may name the family instead of the route
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string pattern;  // "/v8/finance/chart/{symbol}"
  Handler handler;
  // How this API answers an error status (401, 404 unknown symbol, 418, 429, 500, 503). Falls back to a
  // short text/plain body.
  std::function<Response(unsigned status, const Request&)> error;
  // How this API's answer looks when broken (fault "malformed"); by default the first half of `normal`.
  std::function<Response(const Response& normal, const Request&)> malformed;
  // The symbols a request is about (fault filters); by default {symbol} in the path, else the
  // comma-separated "symbols" or "symbol" query parameter.
  std::function<std::vector<std::string>(const Request&)> symbols;
  bool control = false;  // /__sandbox/*: no faults, no rate limit
  // When set, the route matches only the requests it accepts, with their {name} captures filled in:
  // how two routes share one pattern (Frankfurter's /v1/{date} and /v1/{start}..{end}).
  std::function<bool(const Request&)> accepts;
};

class Router {
 public:
  void add(Route route);
  // The route for a method and decoded path; fills request.params. nullptr when none matches.
  const Route* match(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> request_symbols(const Route& route, const Request& request);
// The items of a comma-separated query value ("AAPL, MSFT" -> AAPL, MSFT): spaces around an item are
// not part of it, and empty items are dropped.
std::vector<std::string> comma_list(const std::string& value);
Response error_response(const Route* route, unsigned status, const Request& request);
std::string http_date(std::chrono::sys_seconds t);

}  // namespace pricefeed::sandbox
