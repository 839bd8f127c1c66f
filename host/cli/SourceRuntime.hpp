// The sources of a running host: the plugins found, one instance per source, each lent the shared
// HTTP client behind a rate limiter of its own (requests_per_minute and burst from its table): in
// this process (limit_scope = "host") or shared in PostgreSQL with the other hosts (the default).
// reload() makes the running set what a new configuration and the plugin directories say now
// (docs/reload.md).
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
  ~SourceRuntime();

  const SourceRegistry& registry() const noexcept { return *registry_; }
  // The limiter of each running source now, for metrics.
  std::map<std::string, std::shared_ptr<SourceRateLimiter>> limiters() const;
  // The clock the limiters run on (their cooldowns are on it).
  const Clock& clock() const noexcept { return clock_; }

  // The host is stopping: requests waiting for rate-limit tokens are answered at once, unsent
  // (RateLimitedSourceHttp), so their jobs are handed back now instead of after a minute's wait.
  void stop_waiting_for_tokens() { stopping_.request_stop(); }

  // Rescans the plugin directories and updates the sources to `config`, source by source (see
  // SourceRegistry::update). A source's rate limiter carries over to its new instance. Not concurrent
  // with itself: the caller serialises reloads. [database] is not re-read: the shared limits stay on
  // the database the host started with.
  SourceReload reload(const Config& config);

 private:
  // The shared limits' own connections: a round trip is one short statement, and a pool busy with
  // backfills must not make requests wait for their tokens.
  static constexpr std::size_t kSharedLimitConnections = 2;
  static constexpr std::chrono::milliseconds kSharedLimitAcquireTimeout{2000};

  std::unique_ptr<SourceContext> make_context(const Config& config, const SourceSpec& spec);
  // The limiter for `source`'s new instance: the running instance's when its scope and limit are
  // unchanged, else a new one that starts where that one left off.
  std::shared_ptr<SourceRateLimiter> limiter_for(const std::string& name, const SourceConfig& source);
  SharedRateLimitBucket& shared_bucket();

  SteadyClock clock_;
  std::stop_source stopping_;
  std::string database_url_;
  std::unique_ptr<ConnectionPool> shared_limit_pool_;
  std::unique_ptr<SharedRateLimitBucket> shared_bucket_;
  HttpClient client_;
  std::vector<PluginFileReport> plugins_;     // what the last scan loaded or refused
  std::unique_ptr<SourceRegistry> registry_;  // last: its instances use everything above
};

}  // namespace pricefeed::host
