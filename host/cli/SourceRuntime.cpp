#include "host/cli/SourceRuntime.hpp"

#include "host/cli/SourceSetup.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/RateLimitedSourceHttp.hpp"

namespace pricefeed::host {

SourceRuntime::SourceRuntime(const Config& config)
    : plugins_(scan_plugin_dirs(config.plugins.dirs, host_services())) {
  auto make_context = [&](const SourceSpec& spec) {
    const SourceConfig* table = config.find_source(spec.name);
    SourceConfig fallback = table ? SourceConfig{} : config.unconfigured_source(spec.name);
    const SourceConfig& source = table ? *table : fallback;
    auto limiter = std::make_shared<RateLimiter>(
        RateLimit{static_cast<double>(source.requests_per_minute), static_cast<std::uint32_t>(source.burst)},
        clock_);
    limiters_[spec.name] = limiter;
    auto context = std::make_unique<SourceContext>();
    context->http = std::make_shared<RateLimitedSourceHttp>(
        spec.name, client_, limiter, clock_,
        SourceTimeouts{std::chrono::seconds{source.timeout_seconds},
                       std::chrono::seconds{source.timeout_max_seconds}});
    return context;
  };
  registry_ = std::make_unique<SourceRegistry>(plugins_, source_specs(config),
                                               unconfigured_spec_factory(config), make_context);
}

}  // namespace pricefeed::host
