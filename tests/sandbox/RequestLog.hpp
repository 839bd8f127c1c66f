// Every request the sandbox answered, one entry each, for tests that judge what a whole cluster of
// clients did to an upstream: how many requests reached it in any window, which client was answered
// 429, and whether any client asked again before the Retry-After had passed. The counters of
// RequestCounters say how many; this says when, from whom and with what answer.
//
// Bounded: it keeps the newest `capacity` entries and counts the ones it let go, so a sandbox left
// running under a soak cannot grow without limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pricefeed::sandbox {

struct LoggedRequest {
  std::uint64_t seq = 0;         // 1, 2, ... in arrival order; never reused, not even after clear()
  std::int64_t received_ms = 0;  // the wall clock (not the sandbox's frozen one), epoch milliseconds
  std::string route;             // the route id, "unmatched" when none matched
  std::string family;            // the route's family ("yahoo"), empty when none matched
  std::string method;
  std::string target;                // path and query as received
  std::vector<std::string> symbols;  // what the request is about (as faults see it)
  unsigned status = 0;               // the answer's status; 0: the connection was reset without one
  std::string fault;                 // the fault applied, if any
  std::string peer;                  // the client's address and port, "127.0.0.1:54321"
  std::string user_agent;            // the client's User-Agent header, if any
  std::string api_key;               // the client's API key header (CoinGecko's x-cg-*-api-key), if any
};

// Which entries GET /__sandbox/requests returns: those after `after_seq`, of a family and/or route.
struct RequestLogFilter {
  std::uint64_t after_seq = 0;
  std::optional<std::string> family;
  std::optional<std::string> route;
};

class RequestLog {
 public:
  static constexpr std::size_t kDefaultCapacity = 100'000;

  explicit RequestLog(std::size_t capacity = kDefaultCapacity);

  // Thread-safe. Assigns the entry its seq.
  void record(LoggedRequest entry);
  void clear();

  std::vector<LoggedRequest> entries(const RequestLogFilter& filter = {}) const;
  // {"requests":[{"seq":1,"received_ms":...,"route":"yahoo.chart",...}],"dropped":0,"capacity":100000}
  nlohmann::json to_json(const RequestLogFilter& filter = {}) const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<LoggedRequest> entries_;
  std::uint64_t next_seq_ = 1;
  std::uint64_t dropped_ = 0;  // entries let go for capacity since the last clear()
};

nlohmann::json to_json(const LoggedRequest& entry);

}  // namespace pricefeed::sandbox
