#include "host/cli/SourceRuntime.hpp"

#include "host/cli/SourceSetup.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/RateLimitedSourceHttp.hpp"
#include "host/ratelimit/ClusterRateLimiter.hpp"
#include "host/ratelimit/RateLimiter.hpp"

namespace pricefeed::host {
namespace {

std::vector<PluginFileReport> refused(const std::vector<PluginFileReport>& plugins) {
  std::vector<PluginFileReport> out;
  for (const auto& p : plugins) {
    if (!p.loaded()) out.push_back(p);
  }
  return out;
}

bool same_limit(const RateLimit& a, const RateLimit& b) {
  return a.requests_per_minute == b.requests_per_minute && a.burst == b.burst;
}

}  // namespace

SourceRuntime::SourceRuntime(const Config& config) : database_url_(config.database.url) {
  plugins_ = scan_plugin_dirs(config.plugins.dirs, host_services());
  registry_ =
      std::make_unique<SourceRegistry>(plugins_, source_specs(config), unconfigured_spec_factory(config),
                                       [&](const SourceSpec& spec) { return make_context(config, spec); });
}

// The instances go first: their calls may still use the client and the limiters' pools.
SourceRuntime::~SourceRuntime() {
  registry_.reset();
}

std::map<std::string, std::shared_ptr<SourceRateLimiter>> SourceRuntime::limiters() const {
  std::map<std::string, std::shared_ptr<SourceRateLimiter>> limiters;
  for (const auto& instance : registry_->instances()) {
    if (instance->context().limiter) limiters[instance->name()] = instance->context().limiter;
  }
  return limiters;
}

SourceReload SourceRuntime::reload(const Config& config) {
  std::vector<PluginFileReport> plugins = scan_plugin_dirs(config.plugins.dirs, host_services(), plugins_);
  SourceReload outcome;
  outcome.sources = registry_->update(plugins, source_specs(config), unconfigured_spec_factory(config),
                                      [&](const SourceSpec& spec) { return make_context(config, spec); });
  outcome.refused_plugins = refused(plugins);
  // The libraries no instance uses any longer are unloaded as the last reference to each goes: here,
  // or when the last call on a replaced instance returns.
  plugins_ = std::move(plugins);
  return outcome;
}

std::shared_ptr<SourceRateLimiter> SourceRuntime::limiter_for(const std::string& name,
                                                              const SourceConfig& source) {
  const RateLimit limit{static_cast<double>(source.requests_per_minute),
                        static_cast<std::uint32_t>(source.burst)};
  const std::shared_ptr<SourceInstance> running = registry_ ? registry_->find(name) : nullptr;
  const std::shared_ptr<SourceRateLimiter> before = running ? running->context().limiter : nullptr;
  if (source.limit_scope == LimitScope::host) {
    if (const auto* same_scope = dynamic_cast<const RateLimiter*>(before.get())) {
      if (same_limit(same_scope->limit(), limit)) return before;
      return std::make_shared<RateLimiter>(limit, clock_, before->state());
    }
    auto limiter = std::make_shared<RateLimiter>(limit, clock_);
    if (before) {
      if (const auto cooling = before->state().cooldown_until) limiter->enter_cooldown(*cooling);
    }
    return limiter;
  }
  // The shared bucket keeps its tokens and cooldown in PostgreSQL whatever limiter reads it; a new
  // ClusterRateLimiter writes the new limit there (pricefeed_configure_rate_limit keeps the tokens).
  if (const auto* same_scope = dynamic_cast<const ClusterRateLimiter*>(before.get())) {
    if (same_limit(same_scope->limit(), limit)) return before;
  }
  auto limiter = std::make_shared<ClusterRateLimiter>(name, limit, shared_bucket(), clock_);
  if (before && dynamic_cast<const ClusterRateLimiter*>(before.get()) == nullptr) {
    if (const auto cooling = before->state().cooldown_until) limiter->enter_cooldown(*cooling);
  }
  return limiter;
}

std::unique_ptr<SourceContext> SourceRuntime::make_context(const Config& config, const SourceSpec& spec) {
  const SourceConfig* table = config.find_source(spec.name);
  SourceConfig fallback = table ? SourceConfig{} : config.unconfigured_source(spec.name);
  const SourceConfig& source = table ? *table : fallback;
  auto context = std::make_unique<SourceContext>();
  context->limiter = limiter_for(spec.name, source);
  context->http = std::make_shared<RateLimitedSourceHttp>(
      spec.name, client_, context->limiter, clock_,
      SourceTimeouts{std::chrono::seconds{source.timeout_seconds},
                     std::chrono::seconds{source.timeout_max_seconds}},
      RateLimitedSourceHttp::kDefaultMaxWait, stopping_.get_token());
  return context;
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
