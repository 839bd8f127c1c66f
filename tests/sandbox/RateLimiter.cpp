#include "tests/sandbox/RateLimiter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace pricefeed::sandbox {

void RateLimiter::set(const std::string& key, std::optional<RateLimit> limit) {
  std::lock_guard lock(mutex_);
  if (!limit) {
    buckets_.erase(key);
    return;
  }
  if (limit->per_minute <= 0 || limit->burst < 1)
    throw std::invalid_argument("rate limit: rate and burst must be > 0");
  Bucket b;
  b.limit = *limit;
  buckets_[key] = b;
}

std::optional<int> RateLimiter::acquire(std::string_view route_id, std::string_view family, double cost,
                                        TimePoint now) {
  std::lock_guard lock(mutex_);
  std::vector<Bucket*> applicable;
  for (std::string_view key : {route_id, family}) {
    if (auto it = buckets_.find(key); it != buckets_.end()) applicable.push_back(&it->second);
  }
  double wait = 0;
  for (Bucket* b : applicable) {
    if (!b->primed) {
      b->tokens = b->limit.burst;
      b->last = now;
      b->primed = true;
    }
    double elapsed = std::chrono::duration<double>(now - b->last).count();
    b->tokens = std::min(b->limit.burst, b->tokens + elapsed * b->limit.per_minute / 60.0);
    b->last = now;
    if (b->tokens < cost) wait = std::max(wait, (cost - b->tokens) * 60.0 / b->limit.per_minute);
  }
  if (wait > 0) return std::max(1, static_cast<int>(std::ceil(wait)));
  for (Bucket* b : applicable)
    b->tokens -= cost;
  return std::nullopt;
}

void RateLimiter::refill_all() {
  std::lock_guard lock(mutex_);
  for (auto& [key, b] : buckets_)
    b.primed = false;
}

nlohmann::json RateLimiter::to_json() const {
  std::lock_guard lock(mutex_);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, b] : buckets_) {
    j[key] = {{"per_minute", b.limit.per_minute},
              {"burst", b.limit.burst},
              {"tokens", b.primed ? b.tokens : b.limit.burst}};
  }
  return j;
}

std::pair<std::string, RateLimit> RateLimiter::from_spec(std::string_view spec) {
  auto bad = [&]() {
    return std::invalid_argument("--rate-limit expects route=N/min[,burst=B] (units s, min, h), got '" +
                                 std::string(spec) + "'");
  };
  auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) throw bad();
  std::string key(spec.substr(0, eq));
  std::string_view rest = spec.substr(eq + 1);
  std::optional<double> burst;
  if (auto comma = rest.find(','); comma != std::string_view::npos) {
    std::string_view b = rest.substr(comma + 1);
    if (!b.starts_with("burst=")) throw bad();
    try {
      burst = std::stod(std::string(b.substr(6)));
    } catch (const std::exception&) {
      throw bad();
    }
    rest = rest.substr(0, comma);
  }
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) throw bad();
  double n = 0;
  try {
    n = std::stod(std::string(rest.substr(0, slash)));
  } catch (const std::exception&) {
    throw bad();
  }
  std::string_view unit = rest.substr(slash + 1);
  double per_minute = 0;
  if (unit == "s" || unit == "sec")
    per_minute = n * 60;
  else if (unit == "min" || unit == "m")
    per_minute = n;
  else if (unit == "h" || unit == "hour")
    per_minute = n / 60;
  else
    throw bad();
  if (per_minute <= 0) throw bad();
  RateLimit limit;
  limit.per_minute = per_minute;
  limit.burst = burst.value_or(std::max(1.0, unit == "s" || unit == "sec" ? n : n));
  return {key, limit};
}

}  // namespace pricefeed::sandbox
