// What the host lends one source instance (its name, HTTP, cache, clock). The per-call state behind
// the ABI's opaque pricefeed_call_host_owned handle is in PluginCall.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "host/plugins/SourceCache.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed::host {

struct SourceHttpRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::uint32_t cost = 1;
  std::chrono::milliseconds timeout{0};  // the plugin's own; 0: the source's
  // Timeouts the job this request serves has had so far: each lengthens this one (SourceTimeouts).
  std::uint32_t timeout_doublings = 0;
};

struct SourceHttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  double elapsed_ms = 0;
};

// The outcome of one HTTP exchange as the ABI reports it: a response, or a status with its reason.
struct SourceHttpOutcome {
  pricefeed_status status = PRICEFEED_OK;
  std::optional<SourceHttpResponse> response;
  std::string error;
  std::optional<std::chrono::milliseconds> retry_after;
  bool timed_out = false;  // no complete answer within the request's timeout
  bool held_back = false;  // refused by the source's own rate limiter: nothing was sent
};

// The host's HTTP service for one source: rate limiting, TLS, pooling (host/http, host/ratelimit).
// send() is called from several threads at once: the calls of a thread-safe source, and the threads
// a plugin starts inside one call (sdk.h allows both).
class SourceHttp {
 public:
  virtual ~SourceHttp() = default;
  virtual SourceHttpOutcome send(const SourceHttpRequest& request) = 0;
};

// Shared by every call of the instance, on any thread: each member is safe to use concurrently
// (the clock and the HTTP service by their contract, the cache by its own lock).
struct SourceContext {
  std::string name;                  // the [sources.X] table's name
  std::shared_ptr<SourceHttp> http;  // null: this host offers no network (plugins listing, tests)
  // The limiter `http` spends from, for health and metrics and for the instance a reload puts in
  // this one's place; null with no network.
  std::shared_ptr<SourceRateLimiter> limiter;
  std::function<std::int64_t()> now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  SourceCache cache;
};

}  // namespace pricefeed::host
