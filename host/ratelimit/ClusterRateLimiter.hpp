#pragma once

// One source's request budget kept in PostgreSQL and shared by every host (limit_scope = "cluster",
// docs/cluster.md "Shared rate limits"): the same token bucket and cooldown as RateLimiter, with the
// same answers to its callers, but spent from source_rate_limits through SharedRateLimitBucket.
//
// - Leases: a round trip takes the request's cost and, when the shared bucket has plenty, up to
//   lease_requests - 1 more requests' worth, which the next requests spend without a round trip.
//   Leased units are used within the lease time the database states (source_rate_limits.
//   lease_seconds, 1 s) or dropped; until then the database keeps them out of the bucket's refill,
//   so the requests of all hosts in any 60 s stay within requests_per_minute + burst.
// - Cooldowns: a 429/418 enters the cooldown in the database (and here at once). Another host learns
//   of it at its next round trip, which comes within the lease time because held units expire: every
//   host is silent within about a second.
// - One round trip at a time per source: the other callers wait for its answer rather than queue
//   their own at the database.
// - Database outages fail closed: no tokens, a retry every outage_retry until the caller's deadline,
//   one warning when the outage starts and one note when it ends. A source is never asked without
//   its budget's consent.
//
// Thread-safe.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>

#include "host/ratelimit/Clock.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "host/ratelimit/SharedRateLimitBucket.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"

namespace pricefeed::host {

struct ClusterRateLimiterSettings {
  // Requests' worth of units one round trip takes at most; 1: a round trip for every request.
  std::uint32_t lease_requests = 5;
  // How soon to ask the database again after it could not be reached.
  std::chrono::milliseconds outage_retry{1000};
};

class ClusterRateLimiter final : public SourceRateLimiter {
 public:
  // Sets `limit` on the source's shared bucket (creating it); when the database cannot be reached
  // now, the first acquire does it. `bucket` and `clock` must outlive this. Throws
  // std::invalid_argument for a rate that is not a positive number, as RateLimiter.
  ClusterRateLimiter(std::string source, RateLimit limit, SharedRateLimitBucket& bucket, Clock& clock,
                     ClusterRateLimiterSettings settings = {});

  void enter_cooldown(Clock::time_point until) override;

  // tokens: what the shared bucket held at the last round trip plus the units leased here.
  RateLimiterState state() const override;

  const RateLimit& limit() const noexcept { return limit_; }

 private:
  Admission acquire_units(std::uint32_t cost, Clock::time_point deadline, std::stop_token cancel) override;

  // Takes from the database; called without holding mutex_. False when it could not be reached.
  bool take_shared(std::uint32_t cost, std::uint32_t lease_extra, SharedTokens& answer);
  // Sets limit_ on the shared bucket once; throws when the database cannot be reached.
  void configure_shared();
  void note_outage(const std::exception& error);
  void note_reachable();

  const std::string source_;
  const RateLimit limit_;
  SharedRateLimitBucket& bucket_;
  Clock& clock_;
  const ClusterRateLimiterSettings settings_;

  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::atomic<bool> configured_{false};
  std::atomic<bool> in_outage_{false};
  bool round_trip_running_ = false;
  Clock::time_point next_round_trip_{};  // the database said no tokens before this, or was unreachable
  double leased_ = 0;                    // units taken and not spent yet
  Clock::time_point lease_ends_{};       // ... which are dropped at this instant
  double shared_tokens_ = 0;             // the shared bucket at the last round trip
  Clock::time_point cooldown_until_{};   // as the database said at the last round trip, or a 429 here
  std::size_t callers_waiting_ = 0;
  std::uint64_t requests_granted_ = 0;
  std::uint64_t rate_limited_responses_ = 0;
};

}  // namespace pricefeed::host
