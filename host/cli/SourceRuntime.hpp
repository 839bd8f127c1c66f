// The sources of a running host: the plugins found, one instance per source, each lent the shared
// HTTP client behind a rate limiter of its own (requests_per_minute and burst from its table): in
// this process (limit_scope = "host") or shared in PostgreSQL with the other hosts (the default).
#pragma once

#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/http/HttpClient.hpp"
#include "host/plugins/PluginScanner.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/ratelimit/SharedRateLimitBucket.hpp"
#include "host/ratelimit/SourceRateLimiter.hpp"
#include "host/ratelimit/SteadyClock.hpp"

namespace pricefeed::host {

class SourceRuntime {
 public:
  explicit SourceRuntime(const Config& config);

  const SourceRegistry& registry() const noexcept { return *registry_; }
  const std::vector<PluginFileReport>& plugins() const noexcept { return plugins_; }
  // The limiter of each running source, for health and metrics.
  const std::map<std::string, std::shared_ptr<SourceRateLimiter>>& limiters() const noexcept {
    return limiters_;
  }
  // The clock the limiters run on (their cooldowns are on it).
  const Clock& clock() const noexcept { return clock_; }

  // The host is stopping: requests waiting for rate-limit tokens are answered at once, unsent
  // (RateLimitedSourceHttp), so their jobs are handed back now instead of after a minute's wait.
  void stop_waiting_for_tokens() { stopping_.request_stop(); }

 private:
  // The shared limits' own connections: a round trip is one short statement, and a pool busy with
  // backfills must not make requests wait for their tokens.
  static constexpr std::size_t kSharedLimitConnections = 2;
  static constexpr std::chrono::milliseconds kSharedLimitAcquireTimeout{2000};

  SharedRateLimitBucket& shared_bucket();

  SteadyClock clock_;
  std::stop_source stopping_;
  std::string database_url_;
  std::unique_ptr<ConnectionPool> shared_limit_pool_;
  std::unique_ptr<SharedRateLimitBucket> shared_bucket_;
  HttpClient client_;
  std::map<std::string, std::shared_ptr<SourceRateLimiter>> limiters_;
  std::vector<PluginFileReport> plugins_;
  std::unique_ptr<SourceRegistry> registry_;  // last: its instances use everything above
};

}  // namespace pricefeed::host
