// How a source's recent calls went, kept in memory by its SourceInstance: the run of failures in a
// row since its last success. A failure is an answer that says the source or the way to it is broken
// (transient: network, timeout, 5xx; permanent: an answer it could not make sense of); answers that
// say nothing about its health (rate limited, not found, unsupported) leave the run as it is. A
// source is failing once the run reaches kSourceFailingAfter calls: GET /health/sources then says
// "alert": "source_failing" and the metrics' pricefeed_source_failing{source} is 1
// (docs/resilience.md, "Degradation").
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "pricefeed/sdk.h"

namespace pricefeed::host {

inline constexpr std::uint64_t kSourceFailingAfter = 5;

struct SourceCallRecord {
  std::uint64_t consecutive_failures = 0;
  std::optional<std::chrono::system_clock::time_point> last_success_at;
  std::optional<std::chrono::system_clock::time_point> last_failure_at;
  std::string last_failure;  // the failing call's message

  bool failing() const { return consecutive_failures >= kSourceFailingAfter; }
};

// Thread-safe: every worker thread calling the source records here.
class SourceCallStreak {
 public:
  void record(pricefeed_status status, const std::string& message,
              std::chrono::system_clock::time_point at = std::chrono::system_clock::now());
  SourceCallRecord snapshot() const;

 private:
  mutable std::mutex mutex_;
  SourceCallRecord record_;
};

}  // namespace pricefeed::host
