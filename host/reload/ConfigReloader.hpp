// Reloads a running host (docs/reload.md): reads the configuration again, rescans the plugin
// directories and applies what changed, source by source, or refuses the whole of it and changes
// nothing. SIGHUP, POST /v1/admin/reload and the plugin-directory watcher all come here; one reload
// runs at a time, the others wait for it.
//
//   ConfigReloader reloader(config, {.load_config = ..., .reload_sources = ..., .prepare_work = ...});
//   ReloadReport report = reloader.reload("SIGHUP");
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/reload/ReloadReport.hpp"

namespace pricefeed::host {

// What a reload does, step by step, provided by the command that runs the host.
struct ReloadSteps {
  // Reads the configuration as the host read it at start; throws ConfigError (or another exception
  // naming the problem) when it cannot.
  std::function<Config()> load_config;
  // Rescans the plugins and updates the sources to the configuration (SourceRuntime::reload).
  std::function<SourceReload(const Config&)> reload_sources;
  // Builds what the sections of ConfigChanges::work_changed() describe, without starting it, and
  // returns what starts it; throws when it cannot be built. Empty: the host has no such work.
  std::function<std::function<void()>(std::shared_ptr<const Config>)> prepare_work;
};

class ConfigReloader {
 public:
  ConfigReloader(std::shared_ptr<const Config> running, ReloadSteps steps);

  // Runs one reload and records it (log, metrics, last()). `trigger` says who asked. Never throws for
  // a bad configuration or plugin: that is the report's outcome.
  ReloadReport reload(const std::string& trigger);

  // The configuration the host runs with now.
  std::shared_ptr<const Config> running() const;
  // The last reload's report, if any ran, and how many ran, for GET /health.
  std::optional<ReloadReport> last() const;
  std::uint64_t count() const;

 private:
  ReloadReport apply(const std::string& trigger);
  void record(const ReloadReport& report);

  ReloadSteps steps_;
  std::mutex reloading_;  // one reload at a time
  mutable std::mutex state_mutex_;
  std::shared_ptr<const Config> running_;
  std::optional<ReloadReport> last_;
  std::uint64_t count_ = 0;
};

}  // namespace pricefeed::host
