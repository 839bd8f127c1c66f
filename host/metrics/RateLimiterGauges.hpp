// Each source's rate limiter as read at scrape time (SourceRateLimiter::state(): the in-process or the
// cluster one):
//
//   pricefeed_rate_limit_tokens{source}                    units available now (negative in debt)
//   pricefeed_rate_limit_capacity{source}                  the burst
//   pricefeed_rate_limit_cooling_down{source}              1 while a 429/418 cooldown runs, else 0
//   pricefeed_rate_limit_callers_waiting{source}           requests waiting for a token
//   pricefeed_rate_limit_requests_granted_total{source}    requests let through since start
//   pricefeed_rate_limit_acquire_seconds_total{source}     time callers spent waiting for a token
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "host/metrics/MetricsRegistry.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"

namespace pricefeed::host {

// Each running source's limiter, by source name, read at each scrape (a reload may change them).
using RateLimitersNow = std::function<std::map<std::string, std::shared_ptr<SourceRateLimiter>>()>;

// `limiters` must outlive the registry's last scrape.
void add_rate_limiter_gauges(MetricsRegistry& registry, RateLimitersNow limiters);

}  // namespace pricefeed::host
