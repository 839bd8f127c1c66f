#pragma once

// The host's HTTP API server (docs/architecture.md "Interfaces"): Boost.Beast, asynchronous, HTTP/1.1
// with keep-alive, on [http].listen.
//
// Network I/O runs on io_threads that never block; each request is handed to the Router on one of
// handler_threads, which may block (the events route stores to PostgreSQL), so a slow database never
// stalls accepting, reading or /health on another connection.
//
// Limits (HttpServerSettings): a body larger than max_body_bytes gets 413 without being read (when
// Content-Length says so up front) or as soon as it passes the limit; headers larger than
// max_header_bytes get 431; malformed HTTP gets 400; idle keep-alive connections close after
// idle_timeout, a header not in after header_timeout or a request not in after request_timeout is
// cut off, and a connection closes after max_requests_per_connection requests.
//
// Under pressure (docs/http-and-rate-limits.md "The API server under pressure"): at most
// max_connections are open, lowered at start() to what the descriptor limit leaves (DescriptorBudget).
// At the cap a new connection evicts the one waiting longest for a request, or is closed at once when
// all have a request in progress. A failed accept (out of descriptors) is retried after a pause
// that doubles up to a second. Each of these warns at most once per 10 s (ThrottledWarning).
//
//   Router router(config.http.auth_token);
//   add_health_route(router);
//   add_events_route(router, inbox);
//   HttpServer server(HttpServerSettings{.listen = config.http.listen}, std::move(router));
//   server.start();   // binds (throws if it cannot) and serves on its own threads
//   ...
//   server.stop();    // graceful: stops accepting, closes idle connections, lets requests in progress
//                     // finish (up to stop_grace), then joins; also done by the destructor

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>

#include "host/http/HttpServerSettings.hpp"
#include "host/http/Router.hpp"

namespace pricefeed::host {

// The server could not start: the address does not parse or resolve, or binding it failed.
class HttpServerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpServer {
 public:
  HttpServer(HttpServerSettings settings, Router router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, then returns; serving goes on on the server's threads. Throws HttpServerError
  // ("cannot listen on 127.0.0.1:8080: Address already in use"). Call once. Logs a warning, once,
  // when the bound address is not a loopback one and the router has no auth_token.
  void start();
  // Idempotent; see above.
  void stop();

  // The connection cap in force: settings.max_connections, lowered to what the descriptor limit
  // leaves. Only after start().
  std::size_t max_connections() const;

  // The bound address, with the real port when the configured one was 0. Only after start().
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  std::uint16_t port() const { return local_endpoint().port(); }

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pricefeed::host
