#include "host/http/Router.hpp"

#include <exception>
#include <string_view>

#include <boost/beast/http/field.hpp>

#include "host/http/RouteAuthorization.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

// The path as it may appear in a message: bounded, printable.
std::string printable(std::string_view path) {
  std::string text;
  for (char c : path.substr(0, 100))
    text += (c < 0x20 || c == 0x7f) ? '?' : c;
  if (path.size() > 100) text += "...";
  return text;
}

}  // namespace

Router::Router(std::string auth_token) : auth_token_(std::move(auth_token)) {}

void Router::add(http::verb method, std::string path, RouteAccess access, RouteHandler handler) {
  routes_.push_back(Route{method, std::move(path), access, std::move(handler)});
}

HttpServerResponse Router::dispatch(const HttpServerRequest& request) const {
  const std::string_view path = path_of(request.target());
  const Route* route = nullptr;
  std::string allowed;
  for (const Route& candidate : routes_) {
    if (candidate.path != path) continue;
    if (candidate.method == request.method()) route = &candidate;
    if (!allowed.empty()) allowed += ", ";
    allowed += std::string(http::to_string(candidate.method));
  }
  if (allowed.empty()) {
    return error_response(http::status::not_found,
                          "no route for " + std::string(request.method_string()) + " " + printable(path));
  }
  if (route == nullptr) {
    auto response = error_response(http::status::method_not_allowed,
                                   "method " + printable(request.method_string()) + " is not allowed on " +
                                       std::string(path) + " (allowed: " + allowed + ")");
    response.set(http::field::allow, allowed);
    return response;
  }
  if (route->access == RouteAccess::bearer_token && !auth_token_.empty() &&
      !bearer_token_matches(request[http::field::authorization], auth_token_)) {
    auto response =
        error_response(http::status::unauthorized,
                       "authorization: missing or wrong bearer token (send \"Authorization: Bearer "
                       "<token>\")");
    response.set(http::field::www_authenticate, "Bearer");
    return response;
  }
  try {
    return route->handler(request);
  } catch (const std::exception& error) {
    log_error("HTTP route failed", {{"method", std::string(request.method_string())},
                                    {"path", std::string(path)},
                                    {"error", std::string(error.what())}});
    return error_response(http::status::internal_server_error, "internal error; see the server's log");
  }
}

}  // namespace pricefeed::host
