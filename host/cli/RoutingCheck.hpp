// Whether each [routing] chain names sources this host has. A chain naming a source that does not
// exist (a typo, a plugin not installed) is not an error at start-up: the class's jobs simply fall
// through to the next source. But an operator wants to know before the first job fails, so
// `pricefeed plugins` lists every link that cannot serve.
#pragma once

#include <string>
#include <vector>

#include "host/assets/AssetClass.hpp"
#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

struct RoutingLink {
  AssetClass asset_class;
  std::string source;
  // Empty when the source runs; else why it cannot serve: "no such source (sources: ...)" or
  // "not started: <the registry's refusal>".
  std::string problem;
};

// Every link of every chain, in the order of the classes and of each chain.
std::vector<RoutingLink> check_routing(const RoutingConfig& routing,
                                       const std::vector<SourceReport>& sources);

}  // namespace pricefeed::host
