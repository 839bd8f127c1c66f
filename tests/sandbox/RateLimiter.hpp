// Token-bucket rate limits per route family (or route), enforced like the real APIs: 429 + Retry-After.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace pricefeed::sandbox {

struct RateLimit {
  double per_minute = 60;  // refill rate
  double burst = 60;       // bucket size (defaults to per_minute: a minute's worth at once)
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // key: a family ("yahoo") or a route id ("yahoo.chart"); nullopt removes the limit.
  void set(const std::string& key, std::optional<RateLimit> limit);
  // Takes `cost` tokens from every bucket that applies. nullopt: allowed. Otherwise the seconds until
  // the request would be allowed (>= 1), and nothing is taken.
  std::optional<int> acquire(std::string_view route_id, std::string_view family, double cost, TimePoint now);
  void refill_all();
  nlohmann::json to_json() const;

  // "yahoo=33/min", "yahoo.chart=2/s", "binance=6000/min,burst=100" (units: s, min, h)
  static std::pair<std::string, RateLimit> from_spec(std::string_view spec);  // throws std::invalid_argument

 private:
  struct Bucket {
    RateLimit limit;
    double tokens = 0;
    TimePoint last{};
    bool primed = false;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Bucket, std::less<>> buckets_;
};

}  // namespace pricefeed::sandbox
