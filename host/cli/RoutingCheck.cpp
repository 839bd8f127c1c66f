#include "host/cli/RoutingCheck.hpp"

#include <algorithm>

namespace pricefeed::host {
namespace {

std::string source_names(const std::vector<SourceReport>& sources) {
  std::string names;
  for (const SourceReport& source : sources)
    names += (names.empty() ? "" : ", ") + source.spec.name;
  return names.empty() ? "none" : names;
}

}  // namespace

std::vector<RoutingLink> check_routing(const RoutingConfig& routing,
                                       const std::vector<SourceReport>& sources) {
  std::vector<RoutingLink> links;
  for (const auto& [asset_class, chain] : routing.sources_by_asset_class) {
    for (const std::string& name : chain) {
      RoutingLink link{asset_class, name, {}};
      auto found = std::find_if(sources.begin(), sources.end(),
                                [&](const SourceReport& source) { return source.spec.name == name; });
      if (found == sources.end())
        link.problem = "no such source (sources: " + source_names(sources) + ")";
      else if (!found->running())
        link.problem = "not started: " + found->refusal;
      links.push_back(std::move(link));
    }
  }
  return links;
}

}  // namespace pricefeed::host
