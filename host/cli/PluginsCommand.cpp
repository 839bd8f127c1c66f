#include "host/cli/PluginsCommand.hpp"

#include <iostream>

#include "host/calendar/ExchangesFile.hpp"
#include "host/cli/PluginListing.hpp"
#include "host/cli/SourceSetup.hpp"
#include "host/config/ConfigError.hpp"
#include "host/plugins/HostServices.hpp"

namespace pricefeed::host {

int run_plugins_command(const GlobalOptions& options) {
  Config config = load_command_config(options);
  auto plugins = scan_plugin_dirs(config.plugins.dirs, host_services());
  std::cout << "Plugins\n";
  plugin_files_table(plugins).print(std::cout);

  SourceRegistry registry(plugins, source_specs(config), unconfigured_spec_factory(config));
  TextTable sources({"SOURCE", "PLUGIN", "CONFIGURED", "STATUS"});
  for (const auto& r : registry.reports())
    sources.add({r.spec.name, r.spec.plugin, configured_cell(r.spec), source_status_cell(r)});
  std::cout << "\nSources\n";
  sources.print(std::cout);

  std::cout << "\nRouting\n";
  routing_table(check_routing(config.routing, registry.reports())).print(std::cout);

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
