// From configuration to the plugin host's source specs.
#pragma once

#include <vector>

#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

std::vector<SourceSpec> source_specs(const Config& config);

// Empty when plugins.enable_unconfigured is off.
UnconfiguredSpecFactory unconfigured_spec_factory(const Config& config);

}  // namespace pricefeed::host
