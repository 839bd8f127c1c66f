#pragma once

// How the host's HTTP API listens and what it tolerates from a client (docs/http-and-rate-limits.md
// "The API server under pressure").

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

  // [http].max_connections: connections open at once. When full, a new connection closes the one
  // that has waited longest without a request in progress; when none is waiting, the new one is
  // closed at once. start() lowers it to what the descriptor limit leaves (below).
  std::size_t max_connections = 512;
  // Descriptors the rest of the process may still open after start() (database and upstream
  // connections, files): the connection cap never eats into them.
  std::size_t reserved_descriptors = 0;
  // [http].max_requests_per_connection: the answer to the last one carries Connection: close.
  std::size_t max_requests_per_connection = 1000;

  // [http].keep_alive_timeout_seconds: a kept-alive connection with no new request for this long
  // is closed.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{30}};
  // [http].header_timeout_seconds: a request's header must have arrived this long after the
  // connection was accepted, or after its first byte on a kept-alive connection (slowloris).
  std::chrono::milliseconds header_timeout{std::chrono::seconds{10}};
  // [http].request_timeout_seconds: receiving one whole request, header and body, from the same
  // start; and, separately, sending one response.
  std::chrono::milliseconds request_timeout{std::chrono::seconds{30}};
  // stop() lets requests in progress finish for up to this long, then cuts them off.
  std::chrono::milliseconds stop_grace{std::chrono::seconds{10}};
};

}  // namespace pricefeed::host
