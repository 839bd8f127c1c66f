// The running sources: one instance per [sources.X] table, plus one per loaded plugin that no table
// names when enable_unconfigured is set. A source whose plugin is missing or whose create() fails is
// reported and left out; the others run.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "host/plugins/PluginScanner.hpp"
#include "host/plugins/SourceInstance.hpp"

namespace pricefeed::host {

struct SourceSpec {
  std::string name;         // the table's name: sources.<name>
  std::string plugin;       // the descriptor name of the plugin that serves it
  std::string config_json;  // the whole table, for the plugin
  bool configured = true;   // false: created for an unconfigured plugin
};

struct SourceReport {
  SourceSpec spec;
  std::string refusal;  // empty when the instance runs
  bool running() const noexcept { return refusal.empty(); }
};

// Builds each source's services (HTTP with its rate limit, clock); the default lends none.
using SourceContextFactory = std::function<std::unique_ptr<SourceContext>(const SourceSpec&)>;
// The spec a loaded plugin that no table names runs with; empty when enable_unconfigured is off.
using UnconfiguredSpecFactory = std::function<SourceSpec(const std::string& plugin_name)>;

class SourceRegistry {
 public:
  SourceRegistry(const std::vector<PluginFileReport>& plugins, std::vector<SourceSpec> specs,
                 const UnconfiguredSpecFactory& unconfigured, const SourceContextFactory& make_context = {});

  SourceInstance* find(std::string_view name) const;
  const std::vector<std::unique_ptr<SourceInstance>>& instances() const noexcept { return instances_; }
  const std::vector<SourceReport>& reports() const noexcept { return reports_; }

 private:
  std::vector<std::unique_ptr<SourceInstance>> instances_;
  std::vector<SourceReport> reports_;
};

}  // namespace pricefeed::host
