// The sources of a running host: the plugins found, one instance per source, each lent the shared
// HTTP client behind a rate limiter of its own (requests_per_minute and burst from its table).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/config/Config.hpp"
#include "host/http/HttpClient.hpp"
#include "host/plugins/PluginScanner.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "host/ratelimit/SteadyClock.hpp"

namespace pricefeed::host {

class SourceRuntime {
 public:
  explicit SourceRuntime(const Config& config);

  const SourceRegistry& registry() const noexcept { return *registry_; }
  const std::vector<PluginFileReport>& plugins() const noexcept { return plugins_; }
  // The limiter of each running source, for health and metrics.
  const std::map<std::string, std::shared_ptr<RateLimiter>>& limiters() const noexcept { return limiters_; }
  // The clock the limiters run on (their cooldowns are on it).
  const Clock& clock() const noexcept { return clock_; }

 private:
  SteadyClock clock_;
  HttpClient client_;
  std::map<std::string, std::shared_ptr<RateLimiter>> limiters_;
  std::vector<PluginFileReport> plugins_;
  std::unique_ptr<SourceRegistry> registry_;  // last: its instances use everything above
};

}  // namespace pricefeed::host
