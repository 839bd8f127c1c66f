#pragma once

// Idle keep-alive connections waiting to be reused, per origin (scheme, host, port).
//
// Bounded per origin and in all; the connection returned most recently is reused first (it is the
// least likely to have been closed by the server), and when a bound is hit the one idle longest is
// closed. Connections idle longer than max_idle_time, or found closed by the peer, are dropped
// when met. Thread-safe; a connection taken out belongs to its taker alone.

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

#include "host/http/HttpClientUrl.hpp"

namespace pricefeed::host {

class HttpClientConnection;

class HttpConnectionPool {
 public:
  struct Limits {
    std::size_t max_idle_per_origin = 4;
    std::size_t max_idle = 32;
    std::chrono::steady_clock::duration max_idle_time = std::chrono::seconds{60};
  };

  explicit HttpConnectionPool(Limits limits);
  ~HttpConnectionPool();
  HttpConnectionPool(const HttpConnectionPool&) = delete;
  HttpConnectionPool& operator=(const HttpConnectionPool&) = delete;

  // An idle connection to `origin` that still looks open, or nullptr.
  std::unique_ptr<HttpClientConnection> take(const HttpOrigin& origin);

  // Keeps `connection` for reuse, closing others if a bound is exceeded (or this one, when the
  // bounds are zero).
  void put(std::unique_ptr<HttpClientConnection> connection);

  std::size_t idle_count() const;
  std::size_t idle_count(const HttpOrigin& origin) const;

 private:
  Limits limits_;
  mutable std::mutex mutex_;
  std::list<std::unique_ptr<HttpClientConnection>> idle_;  // most recently returned first
};

}  // namespace pricefeed::host
