#include "host/cli/CheckConfigCommand.hpp"

#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

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

// One row of the Sources section: a source the configuration would run, or one serve runs that it
// would stop.
struct CheckedSource {
  std::string name;
  std::string plugin;
  std::string configured;
  std::string action;  // start, change, keep, stop, or unknown
  std::string status;
};

// Everything the check found, printed as text or as JSON.
struct ConfigCheck {
  std::string file;
  bool config_loaded = false;
  std::vector<PluginFileReport> plugins;
  std::optional<ServedSources> served;  // asked once the configuration loaded
  std::vector<CheckedSource> sources;
  std::vector<RoutingLink> routing_problems;
  std::vector<std::string> problems;
};

std::string config_file_name(const GlobalOptions& options) {
  if (options.config_file) return options.config_file->string();
  if (auto found = default_config_path()) return found->string();
  return "(none: the built-in defaults)";
}

// What a reload would do to the source `report` names, given what the serve runs.
std::string action_for(const SourceReport& report, const SourceRegistry& registry,
                       const ServedSources& served) {
  if (!served.sources) return served.no_serve.empty() ? "unknown" : "start";
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

void check_sources(const Config& config, ConfigCheck& check) {
  // The default SourceContext lends no network: create() runs, no request can leave.
  const SourceRegistry registry(check.plugins, source_specs(config), unconfigured_spec_factory(config));
  check.served = ask_serve_for_sources(config.http, kServeTimeout);
  const ServedSources& served = *check.served;
  if (!served.problem.empty()) check.problems.push_back("serve at " + served.address + ": " + served.problem);
  const auto reports = registry.reports();
  for (const auto& r : reports) {
    check.sources.push_back({r.spec.name, r.spec.plugin, configured_cell(r.spec),
                             action_for(r, registry, served), source_status_cell(r)});
    if (!r.running()) check.problems.push_back("source " + r.spec.name + " not started: " + r.refusal);
  }
  for (const ServedSource& running : served.sources.value_or(std::vector<ServedSource>{})) {
    if (std::none_of(reports.begin(), reports.end(),
                     [&](const SourceReport& r) { return r.spec.name == running.name; }))
      check.sources.push_back({running.name, running.plugin, "-", "stop", "running"});
  }
  for (RoutingLink& link : check_routing(config.routing, reports)) {
    if (link.problem.empty()) continue;
    check.problems.push_back("[routing] " + std::string(asset_class_name(link.asset_class)) + " -> " +
                             link.source + ": " + link.problem);
    check.routing_problems.push_back(std::move(link));
  }
}

ConfigCheck run_check(const GlobalOptions& options) {
  ConfigCheck check;
  check.file = config_file_name(options);
  Config config;
  try {
    config = load_command_config(options);
  } catch (const ConfigError& error) {
    check.problems.emplace_back(error.what());
    return check;  // nothing else can be checked without it
  }
  check.config_loaded = true;
  check.plugins = scan_plugin_dirs(config.plugins.dirs, host_services());
  for (const auto& p : check.plugins) {
    if (!p.loaded()) check.problems.push_back("plugin " + p.file.string() + " refused: " + p.refusal);
  }
  check_sources(config, check);
  return check;
}

void print_text(const ConfigCheck& check) {
  std::cout << "Configuration\n" << check.file << (check.config_loaded ? ": ok\n" : ": error\n");
  if (check.config_loaded) {
    std::cout << "\nPlugins\n";
    plugin_files_table(check.plugins).print(std::cout);

    const ServedSources& served = *check.served;
    std::cout << "\nSources\n";
    if (served.sources)
      std::cout << "compared with the serve at " << served.address << "\n";
    else if (!served.no_serve.empty())
      std::cout << "no serve answers at " << served.address << " (" << served.no_serve
                << "): every source would start\n";
    TextTable sources({"SOURCE", "PLUGIN", "CONFIGURED", "ACTION", "STATUS"});
    for (const CheckedSource& s : check.sources)
      sources.add({s.name, s.plugin, s.configured, s.action, s.status});
    sources.print(std::cout);

    std::cout << "\nRouting problems\n";
    if (check.routing_problems.empty())
      std::cout << "none\n";
    else
      routing_table(check.routing_problems).print(std::cout);
  }
  if (check.problems.empty()) {
    std::cout << "\nconfiguration ok\n";
    return;
  }
  std::cout << "\nProblems\n";
  for (const std::string& problem : check.problems)
    std::cout << problem << "\n";
  std::cout << "\n" << check.problems.size() << (check.problems.size() == 1 ? " problem\n" : " problems\n");
}

nlohmann::json serve_json(const ServedSources& served) {
  nlohmann::json json = {{"address", served.address}, {"answered", served.sources.has_value()}};
  if (!served.no_serve.empty()) json["no_serve"] = served.no_serve;
  return json;
}

void print_json(const ConfigCheck& check) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const auto& p : check.plugins) {
    plugins.push_back(
        {{"file", p.file.string()},
         {"name", p.loaded() ? nlohmann::json(p.library->name()) : nlohmann::json(nullptr)},
         {"version", p.loaded() ? nlohmann::json(p.library->version()) : nlohmann::json(nullptr)},
         {"status", p.loaded() ? "loaded" : "refused: " + p.refusal}});
  }
  nlohmann::json sources = nlohmann::json::array();
  for (const CheckedSource& s : check.sources) {
    sources.push_back({{"name", s.name},
                       {"plugin", s.plugin},
                       {"configured", s.configured},
                       {"action", s.action},
                       {"status", s.status}});
  }
  nlohmann::json routing = nlohmann::json::array();
  for (const RoutingLink& link : check.routing_problems) {
    routing.push_back({{"asset_class", asset_class_name(link.asset_class)},
                       {"source", link.source},
                       {"problem", link.problem}});
  }
  std::cout << nlohmann::json{{"config_file", check.file},
                              {"configuration", check.config_loaded ? "ok" : "error"},
                              {"plugins", std::move(plugins)},
                              {"serve", check.served ? serve_json(*check.served) : nlohmann::json(nullptr)},
                              {"sources", std::move(sources)},
                              {"routing_problems", std::move(routing)},
                              {"problems", check.problems},
                              {"ok", check.problems.empty()}}
                   .dump(2)
            << "\n";
}

}  // namespace

int run_check_config_command(const GlobalOptions& options, const CheckConfigArguments& arguments) {
  const ConfigCheck check = run_check(options);
  if (arguments.json)
    print_json(check);
  else
    print_text(check);
  return check.problems.empty() ? 0 : 1;
}

}  // namespace pricefeed::host
