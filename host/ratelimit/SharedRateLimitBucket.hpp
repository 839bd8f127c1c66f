// The SQL of the shared token buckets (sql/010_cluster_rate_limits.sql): one call, one round trip,
// each. Every call is a single statement outside any transaction block, with its parameters sent
// unnamed (PQexecParams), so it works through PgBouncer in transaction pooling mode: no session
// state, no named prepared statements, no LISTEN.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "host/db/ConnectionPool.hpp"
#include "host/ratelimit/RateLimiter.hpp"

namespace pricefeed::host {

// What one take answered, its durations measured on the database's clock from the moment it
// decided.
struct SharedTokens {
  double granted = 0;                // units taken: the cost plus what was leased; 0: none
  std::chrono::nanoseconds wait{0};  // when none: how long until the cost could be taken
  std::optional<std::chrono::nanoseconds> cooldown_left;  // set while the source cools down
  double tokens_left = 0;                                 // what stayed in the shared bucket
  std::chrono::nanoseconds lease{0};  // how long leased units may be held before they are dropped
};

class SharedRateLimitBucket {
 public:
  // `pool` must outlive this; a small pool of the limiters' own.
  explicit SharedRateLimitBucket(ConnectionPool& pool) : pool_(pool) {}

  // Creates the source's bucket (full) or sets these figures on it: the last host to start wins.
  // Returns the figures it replaced, nullopt for a new bucket.
  std::optional<RateLimit> configure(const std::string& source, const RateLimit& limit);

  // Takes `cost` units (0 counts as 1) and, from plenty, up to `lease_extra` more.
  SharedTokens take(const std::string& source, std::uint32_t cost, std::uint32_t lease_extra);

  // The source answered 429/418: nobody gets its tokens for `retry_after`. Returns how long the
  // cooldown in force still runs (a longer one another host entered is kept).
  std::chrono::nanoseconds enter_cooldown(const std::string& source, std::chrono::nanoseconds retry_after);

 private:
  ConnectionPool& pool_;
};

}  // namespace pricefeed::host
