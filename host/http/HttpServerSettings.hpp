#pragma once

// How the host's HTTP API listens and what it tolerates from a client.

#include <chrono>
#include <cstddef>
#include <string>

namespace pricefeed::host {

struct HttpServerSettings {
  // [http].listen: "HOST:PORT", IPv6 in brackets ("[::1]:8080"); port 0 lets the system pick (tests).
  std::string listen = "127.0.0.1:8080";

  // Threads running the network I/O (never blocked: handlers run elsewhere).
  std::size_t io_threads = 1;
  // Threads running route handlers, which may block on the database.
  std::size_t handler_threads = 4;

  // docs/architecture.md "Security": the API limits body size. An event is a few hundred bytes.
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;

  // A kept-alive connection with no new request for this long is closed.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{30}};
  // Receiving one request, and sending one response, must each finish within this.
  std::chrono::milliseconds request_timeout{std::chrono::seconds{30}};
  // stop() lets requests in progress finish for up to this long, then cuts them off.
  std::chrono::milliseconds stop_grace{std::chrono::seconds{10}};
};

}  // namespace pricefeed::host
