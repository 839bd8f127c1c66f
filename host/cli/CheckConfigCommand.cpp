#include "host/cli/CheckConfigCommand.hpp"

#include <algorithm>
#include <iostream>

#include "host/cli/PluginListing.hpp"
#include "host/cli/ServedSources.hpp"
#include "host/cli/SourceSetup.hpp"
#include "host/config/ConfigError.hpp"
#include "host/config/DefaultConfigPath.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/SourceFingerprint.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

// Long enough for a serve on a busy host, short enough that a check with none running is quick.
constexpr auto kServeTimeout = 2s;

std::string config_file_name(const GlobalOptions& options) {
  if (options.config_file) return options.config_file->string();
  if (auto found = default_config_path()) return found->string();
  return "(none: the built-in defaults)";
}

// What a reload would do to the source `report` names, given what the serve runs.
std::string action_for(const SourceReport& report, const SourceRegistry& registry,
                       const ServedSources& served) {
  const auto& running = *served.sources;
  const auto found = std::find_if(running.begin(), running.end(),
                                  [&](const ServedSource& s) { return s.name == report.spec.name; });
  if (found == running.end()) return "start";
  const auto instance = registry.find(report.spec.name);
  if (instance != nullptr && source_fingerprint(served.fingerprint_salt, instance->plugin().file_state(),
                                                instance->config_json()) == found->fingerprint)
    return "keep";
  return "change";
}

int print_verdict(const std::vector<std::string>& problems) {
  if (problems.empty()) {
    std::cout << "\nconfiguration ok\n";
    return 0;
  }
  std::cout << "\nProblems\n";
  for (const std::string& problem : problems)
    std::cout << problem << "\n";
  std::cout << "\n" << problems.size() << (problems.size() == 1 ? " problem\n" : " problems\n");
  return 1;
}

}  // namespace

int run_check_config_command(const GlobalOptions& options) {
  std::vector<std::string> problems;
  std::cout << "Configuration\n";
  Config config;
  try {
    config = load_command_config(options);
  } catch (const ConfigError& error) {
    std::cout << config_file_name(options) << ": error\n";
    problems.emplace_back(error.what());
    return print_verdict(problems);
  }
  std::cout << config_file_name(options) << ": ok\n";

  const auto plugins = scan_plugin_dirs(config.plugins.dirs, host_services());
  std::cout << "\nPlugins\n";
  plugin_files_table(plugins).print(std::cout);
  for (const auto& p : plugins) {
    if (!p.loaded()) problems.push_back("plugin " + p.file.string() + " refused: " + p.refusal);
  }

  // The default SourceContext lends no network: create() runs, no request can leave.
  const SourceRegistry registry(plugins, source_specs(config), unconfigured_spec_factory(config));
  const ServedSources served = ask_serve_for_sources(config.http, kServeTimeout);
  if (!served.problem.empty()) problems.push_back("serve at " + served.address + ": " + served.problem);
  TextTable sources({"SOURCE", "PLUGIN", "CONFIGURED", "ACTION", "STATUS"});
  for (const auto& r : registry.reports()) {
    const std::string action = served.sources            ? action_for(r, registry, served)
                               : served.no_serve.empty() ? "unknown"
                                                         : "start";
    sources.add({r.spec.name, r.spec.plugin, configured_cell(r.spec), action, source_status_cell(r)});
    if (!r.running()) problems.push_back("source " + r.spec.name + " not started: " + r.refusal);
  }
  if (served.sources) {
    const auto reports = registry.reports();
    for (const ServedSource& running : *served.sources) {
      if (std::none_of(reports.begin(), reports.end(),
                       [&](const SourceReport& r) { return r.spec.name == running.name; }))
        sources.add({running.name, running.plugin, "-", "stop", "running"});
    }
  }
  std::cout << "\nSources\n";
  if (served.sources)
    std::cout << "compared with the serve at " << served.address << "\n";
  else if (!served.no_serve.empty())
    std::cout << "no serve answers at " << served.address << " (" << served.no_serve
              << "): every source would start\n";
  sources.print(std::cout);

  std::vector<RoutingLink> broken;
  for (RoutingLink& link : check_routing(config.routing, registry.reports())) {
    if (link.problem.empty()) continue;
    problems.push_back("[routing] " + std::string(asset_class_name(link.asset_class)) + " -> " + link.source +
                       ": " + link.problem);
    broken.push_back(std::move(link));
  }
  std::cout << "\nRouting problems\n";
  if (broken.empty())
    std::cout << "none\n";
  else
    routing_table(broken).print(std::cout);
  return print_verdict(problems);
}

}  // namespace pricefeed::host
