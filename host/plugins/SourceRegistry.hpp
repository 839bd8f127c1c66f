// The running sources: one instance per [sources.X] table, plus one per loaded plugin that no table
// names when enable_unconfigured is set. A source whose plugin is missing or whose create() fails is
// reported and left out; the others run.
//
// A reload (docs/reload.md) updates the set source by source while calls run. Callers hold a source
// by the shared_ptr find() hands out, for as long as one call: a replaced or removed instance finishes
// the calls in flight and is destroyed (and its plugin unloaded, once no instance uses it) when the
// last of them returns. New calls find the new instance.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
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

  bool operator==(const SourceSpec&) const = default;
};

struct SourceReport {
  SourceSpec spec;
  std::string refusal;  // empty when the instance runs
  bool running() const noexcept { return refusal.empty(); }
};

// What update() did, by source name.
struct SourceRegistryChanges {
  std::vector<std::string> started;    // new sources now running
  std::vector<std::string> changed;    // a new instance (another plugin build, or a changed table)
  std::vector<std::string> stopped;    // no longer configured, or their plugin is gone
  std::vector<std::string> unchanged;  // left alone
  // Sources that could not be (re)created: a changed one keeps its old instance running.
  std::vector<SourceReport> refused;
};

// What a reload did to the sources (SourceRuntime::reload).
struct SourceReload {
  SourceRegistryChanges sources;
  std::vector<PluginFileReport> refused_plugins;  // files found in the plugin directories and refused
};

// Builds each source's services (HTTP with its rate limit, clock); the default lends none.
using SourceContextFactory = std::function<std::unique_ptr<SourceContext>(const SourceSpec&)>;
// The spec a loaded plugin that no table names runs with; empty when enable_unconfigured is off.
using UnconfiguredSpecFactory = std::function<SourceSpec(const std::string& plugin_name)>;

class SourceRegistry {
 public:
  SourceRegistry(const std::vector<PluginFileReport>& plugins, std::vector<SourceSpec> specs,
                 const UnconfiguredSpecFactory& unconfigured, const SourceContextFactory& make_context = {});
  SourceRegistry(const SourceRegistry&) = delete;
  SourceRegistry& operator=(const SourceRegistry&) = delete;

  // Null when no instance of that name runs. Hold it for one call, not longer: it keeps a replaced
  // instance (and its plugin's code) alive.
  std::shared_ptr<SourceInstance> find(std::string_view name) const;
  // The instances running now, in configuration order.
  std::vector<std::shared_ptr<SourceInstance>> instances() const;
  // The last update's outcome per source, running or refused.
  std::vector<SourceReport> reports() const;

  // Makes the running set what `plugins` and `specs` say, source by source: a source whose spec and
  // plugin library are those it runs with is left alone; the others get a new instance, created
  // before anything is swapped. A source refused here keeps the instance it had, if any. Updates are
  // not concurrent with each other (the caller serialises them); calls run on meanwhile.
  SourceRegistryChanges update(const std::vector<PluginFileReport>& plugins, std::vector<SourceSpec> specs,
                               const UnconfiguredSpecFactory& unconfigured,
                               const SourceContextFactory& make_context = {});

 private:
  struct Running {
    SourceSpec spec;
    std::shared_ptr<SourceInstance> instance;
  };

  mutable std::mutex mutex_;  // guards the two vectors; never held during a plugin call
  std::vector<Running> running_;
  std::vector<SourceReport> reports_;
};

}  // namespace pricefeed::host
