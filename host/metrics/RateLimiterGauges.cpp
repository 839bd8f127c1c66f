#include "host/metrics/RateLimiterGauges.hpp"

namespace pricefeed::host {

void add_rate_limiter_gauges(MetricsRegistry& registry, RateLimitersNow limiters) {
  auto& tokens = registry.gauge("pricefeed_rate_limit_tokens",
                                "Rate-limit units a source may spend now (negative while a costly request's "
                                "debt is repaid).",
                                {"source"});
  auto& capacity =
      registry.gauge("pricefeed_rate_limit_capacity", "A source's rate-limit burst, in units.", {"source"});
  auto& cooling = registry.gauge("pricefeed_rate_limit_cooling_down",
                                 "1 while a source cools down after a 429/418 answer, else 0.", {"source"});
  auto& waiting = registry.gauge("pricefeed_rate_limit_callers_waiting",
                                 "Requests to a source waiting for a rate-limit token.", {"source"});
  auto& granted = registry.counter("pricefeed_rate_limit_requests_granted_total",
                                   "Requests a source's rate limiter let through.", {"source"});
  auto& acquiring =
      registry.counter("pricefeed_rate_limit_acquire_seconds_total",
                       "Time requests spent in a source's rate limiter, waiting included.", {"source"});
  // Bound as new references: the families live as long as the registry.
  registry.on_scrape([limiters = std::move(limiters), &tokens = tokens, &capacity = capacity,
                      &cooling = cooling, &waiting = waiting, &granted = granted, &acquiring = acquiring] {
    for (const auto& [source, limiter] : limiters()) {
      const RateLimiterState state = limiter->state();
      tokens.labels({source}).set(state.tokens);
      capacity.labels({source}).set(state.capacity);
      cooling.labels({source}).set(state.cooldown_until ? 1 : 0);
      waiting.labels({source}).set(static_cast<double>(state.callers_waiting));
      granted.labels({source}).advance_to(static_cast<double>(state.requests_granted));
      acquiring.labels({source}).advance_to(std::chrono::duration<double>(state.time_in_acquire).count());
    }
  });
}

}  // namespace pricefeed::host
