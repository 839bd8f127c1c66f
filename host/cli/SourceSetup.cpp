#include "host/cli/SourceSetup.hpp"

namespace pricefeed::host {

std::vector<SourceSpec> source_specs(const Config& config) {
  std::vector<SourceSpec> specs;
  for (const auto& s : config.sources)
    specs.push_back({s.name, s.plugin, s.table_json, true});
  return specs;
}

UnconfiguredSpecFactory unconfigured_spec_factory(const Config& config) {
  if (!config.plugins.enable_unconfigured) return {};
  return [config](const std::string& plugin_name) {
    SourceConfig s = config.unconfigured_source(plugin_name);
    return SourceSpec{s.name, s.plugin, s.table_json, false};
  };
}

}  // namespace pricefeed::host
