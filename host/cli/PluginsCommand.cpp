#include "host/cli/PluginsCommand.hpp"

#include <iostream>

#include "host/calendar/ExchangesFile.hpp"
#include "host/cli/RoutingCheck.hpp"
#include "host/cli/SourceSetup.hpp"
#include "host/cli/TextTable.hpp"
#include "host/config/ConfigError.hpp"
#include "host/log/Log.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/PluginScanner.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {
namespace {

// A plugin reached through a symlink is shown with the file that was loaded: the one that was checked.
std::string file_cell(const PluginFileReport& report) {
  if (!report.loaded() ||
      std::filesystem::absolute(report.file).lexically_normal() == report.library->file()) {
    return report.file.string();
  }
  return report.file.string() + " -> " + report.library->file().string();
}

}  // namespace

int run_plugins_command(const GlobalOptions& options) {
  Config config = load_command_config(options);
  auto plugins = scan_plugin_dirs(config.plugins.dirs, host_services());

  TextTable files({"FILE", "NAME", "VERSION", "ABI", "CLASSES", "CAPABILITIES", "STATUS"});
  for (const auto& p : plugins) {
    if (p.loaded()) {
      const auto& d = p.library->descriptor();
      files.add({file_cell(p), p.library->name(), p.library->version(),
                 abi_version_text(p.library->abi_version()), asset_class_names(d.asset_classes),
                 capability_names(d.capabilities), "loaded"});
    } else {
      files.add({p.file.string(), "-", "-", "-", "-", "-", "refused: " + p.refusal});
    }
  }
  std::cout << "Plugins\n";
  files.print(std::cout);

  SourceRegistry registry(plugins, source_specs(config), unconfigured_spec_factory(config));
  TextTable sources({"SOURCE", "PLUGIN", "CONFIGURED", "STATUS"});
  for (const auto& r : registry.reports()) {
    sources.add({r.spec.name, r.spec.plugin, r.spec.configured ? "yes" : "no (defaults)",
                 r.running() ? "ready" : "not started: " + r.refusal});
  }
  std::cout << "\nSources\n";
  sources.print(std::cout);

  TextTable routing({"CLASS", "SOURCE", "STATUS"});
  for (const RoutingLink& link : check_routing(config.routing, registry.reports())) {
    routing.add({std::string(asset_class_name(link.asset_class)), link.source,
                 link.problem.empty() ? "ready" : link.problem});
    if (!link.problem.empty())
      log_warn("a [routing] chain names a source that cannot serve",
               {{"asset_class", asset_class_name(link.asset_class)},
                {"source", link.source},
                {"problem", link.problem}});
  }
  std::cout << "\nRouting\n";
  routing.print(std::cout);

  std::cout << "\nCalendars\n";
  try {
    const ExchangesFile calendars = locate_exchanges_file(config);
    std::cout << calendars.path.string() << " (" << calendars.chosen_as << ")\n";
  } catch (const ConfigError& error) {
    std::cout << "none: " << error.what() << "\n";
  }
  return 0;
}

}  // namespace pricefeed::host
