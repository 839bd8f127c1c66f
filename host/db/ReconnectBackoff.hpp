// How long a long-running loop (the backfill worker, the daemon, the event listener) waits before it
// tries the database again after losing it: `first`, doubling after every further failure up to
// `longest`, each wait jittered down by up to half so that several hosts that lost one server together
// do not all come back in the same instant. A success resets it.
//
//   ReconnectBackoff backoff;               // 0.5 s, 1 s, 2 s ... 30 s, 30 s ...
//   for (;;) {
//     try { work(); backoff.reset(); }
//     catch (const std::exception&) { sleep(backoff.next_delay()); }
//   }
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace pricefeed::host {

struct ReconnectBackoffSettings {
  std::chrono::milliseconds first{500};
  std::chrono::milliseconds longest{std::chrono::seconds{30}};
};

class ReconnectBackoff {
 public:
  explicit ReconnectBackoff(ReconnectBackoffSettings settings = {});
  // A fixed seed, for tests that want the same jitter every run.
  ReconnectBackoff(ReconnectBackoffSettings settings, std::uint64_t seed);

  // The wait before the next attempt, counting one more failure: in [ceiling / 2, ceiling] where the
  // ceiling is first * 2^(failures before this one), at most `longest`.
  std::chrono::milliseconds next_delay();

  // The database answered again: the next failure starts from `first`.
  void reset() { failures_ = 0; }

  // Failures since the last reset (for logs: "attempt 7").
  int failures() const { return failures_; }

  // The un-jittered wait after `failures` failures (>= 1): first * 2^(failures-1), at most longest.
  std::chrono::milliseconds ceiling(int failures) const;

 private:
  ReconnectBackoffSettings settings_;
  std::mt19937_64 random_;
  int failures_ = 0;
};

}  // namespace pricefeed::host
