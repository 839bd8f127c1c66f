#pragma once

// A warning that can fire thousands of times a second under attack or exhaustion (every failed
// accept, every connection refused at the cap) and must not flood the log: it is written at most
// once per interval, and each line says how many were held back since the one before.
//
//   ThrottledWarning refusals("HTTP connection refused: the connection limit is reached");
//   refusals.warn({{"max_connections", 512}});   // logged, "suppressed": 0
//   refusals.warn({{"max_connections", 512}});   // within 10 s: counted only
//   ...                                          // 10 s later: logged, "suppressed": 1

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "host/log/Log.hpp"

namespace pricefeed::host {

class ThrottledWarning {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ThrottledWarning(std::string message, Clock::duration interval = std::chrono::seconds{10});

  // Thread-safe. Logs `message` with `fields` and "suppressed" unless the last line was written less
  // than the interval before `now`; then only counts it.
  void warn(LogFields fields, Clock::time_point now = Clock::now());

 private:
  const std::string message_;
  const Clock::duration interval_;
  std::mutex mutex_;
  std::optional<Clock::time_point> last_logged_;
  std::int64_t suppressed_ = 0;
};

}  // namespace pricefeed::host
