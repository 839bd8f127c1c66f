#pragma once

// Maps a request's method and path to its route, and answers what no route does:
//
//   no route with this path                     404 {"error": "no route for GET /nope"}
//   a route with this path, but not this method 405 with Allow
//   a route that needs the token, without it    401 with WWW-Authenticate: Bearer
//   a route's handler throws                    500, logged with the exception
//
// Paths match exactly, after the query string is cut off. Routes are added before the server starts
// and never after, so dispatch() reads the table without locking.

#include <functional>
#include <string>
#include <vector>

#include <boost/beast/http/verb.hpp>

#include "host/http/HttpServerMessages.hpp"

namespace pricefeed::host {

// Runs on one of the server's handler threads; may block (database calls).
using RouteHandler = std::function<HttpServerResponse(const HttpServerRequest&)>;

enum class RouteAccess {
  open,          // anyone who can connect (GET /health)
  bearer_token,  // "Authorization: Bearer <auth_token>" when an auth_token is set; open otherwise
};

class Router {
 public:
  // `auth_token` is [http].auth_token; empty leaves bearer_token routes open.
  explicit Router(std::string auth_token = {});

  void add(boost::beast::http::verb method, std::string path, RouteAccess access, RouteHandler handler);

  HttpServerResponse dispatch(const HttpServerRequest& request) const;

  // [http].auth_token, for an open route that shows more to the operator (GET /health's reason) and
  // for the server's warning when it listens beyond loopback without one. Empty when none is set.
  const std::string& auth_token() const { return auth_token_; }

 private:
  struct Route {
    boost::beast::http::verb method;
    std::string path;
    RouteAccess access;
    RouteHandler handler;
  };

  std::string auth_token_;
  std::vector<Route> routes_;
};

}  // namespace pricefeed::host
