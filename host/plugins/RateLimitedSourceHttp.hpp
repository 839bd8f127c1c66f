// The SDK's http service for one source: every request first passes the source's rate limiter
// (waiting for tokens rather than provoking a 429), then goes out through the shared HTTP client;
// a 429/418 puts the source into cooldown until its Retry-After, and while it cools down the source
// is not asked at all. Other sources have limiters of their own and keep flowing.
#pragma once

#include <chrono>
#include <memory>
#include <stop_token>
#include <string>

#include "host/http/HttpClient.hpp"
#include "host/plugins/SourceContext.hpp"
#include "host/plugins/SourceTimeouts.hpp"
#include "host/ratelimit/Clock.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"

namespace pricefeed::host {

class RateLimitedSourceHttp : public SourceHttp {
 public:
  // A request that cannot get its tokens within max_wait is answered rate_limited at once, so a
  // worker thread is never parked for long behind one slow source.
  static constexpr std::chrono::seconds kDefaultMaxWait{60};

  // `timeouts`: the source's timeout_seconds and timeout_max_seconds. `stopping`: once stop is
  // requested (the host is shutting down), a request waiting for tokens is answered rate_limited
  // at once, unsent, so a stopping host hands its jobs back instead of waiting out max_wait.
  RateLimitedSourceHttp(std::string source, HttpClient& client, std::shared_ptr<SourceRateLimiter> limiter,
                        Clock& clock, SourceTimeouts timeouts,
                        std::chrono::milliseconds max_wait = kDefaultMaxWait, std::stop_token stopping = {});

  SourceHttpOutcome send(const SourceHttpRequest& request) override;

  const SourceRateLimiter& limiter() const noexcept { return *limiter_; }

 private:
  std::string source_;
  HttpClient& client_;
  std::shared_ptr<SourceRateLimiter> limiter_;
  Clock& clock_;
  SourceTimeouts timeouts_;
  std::chrono::milliseconds max_wait_;
  std::stop_token stopping_;
};

}  // namespace pricefeed::host
