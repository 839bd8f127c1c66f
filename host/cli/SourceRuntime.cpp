#include "host/cli/SourceRuntime.hpp"

#include "host/cli/SourceSetup.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/RateLimitedSourceHttp.hpp"
#include "host/ratelimit/ClusterRateLimiter.hpp"
#include "host/ratelimit/RateLimiter.hpp"

namespace pricefeed::host {

SourceRuntime::SourceRuntime(const Config& config)
    : database_url_(config.database.url), plugins_(scan_plugin_dirs(config.plugins.dirs, host_services())) {
  auto make_context = [&](const SourceSpec& spec) {
    const SourceConfig* table = config.find_source(spec.name);
    SourceConfig fallback = table ? SourceConfig{} : config.unconfigured_source(spec.name);
    const SourceConfig& source = table ? *table : fallback;
    const RateLimit limit{static_cast<double>(source.requests_per_minute),
                          static_cast<std::uint32_t>(source.burst)};
    std::shared_ptr<SourceRateLimiter> limiter;
    if (source.limit_scope == LimitScope::host) {
      limiter = std::make_shared<RateLimiter>(limit, clock_);
    } else {
      limiter = std::make_shared<ClusterRateLimiter>(spec.name, limit, shared_bucket(), clock_);
    }
    limiters_[spec.name] = limiter;
    auto context = std::make_unique<SourceContext>();
    context->http = std::make_shared<RateLimitedSourceHttp>(
        spec.name, client_, limiter, clock_,
        SourceTimeouts{std::chrono::seconds{source.timeout_seconds},
                       std::chrono::seconds{source.timeout_max_seconds}},
        RateLimitedSourceHttp::kDefaultMaxWait, stopping_.get_token());
    return context;
  };
  registry_ = std::make_unique<SourceRegistry>(plugins_, source_specs(config),
                                               unconfigured_spec_factory(config), make_context);
}

SharedRateLimitBucket& SourceRuntime::shared_bucket() {
  if (!shared_bucket_) {
    // Opened only when a source shares its limit; connections are opened lazily, so a database that is
    // down at start fails the sources closed (ClusterRateLimiter) rather than the command.
    shared_limit_pool_ =
        std::make_unique<ConnectionPool>(database_url_, kSharedLimitConnections, kSharedLimitAcquireTimeout);
    shared_bucket_ = std::make_unique<SharedRateLimitBucket>(*shared_limit_pool_);
  }
  return *shared_bucket_;
}

}  // namespace pricefeed::host
