// How a newly read configuration differs from the one a host runs with, in the terms a reload acts on
// (docs/reload.md): the sections that apply at the next job or tick, and the keys that only a restart
// can change. Sources are compared instance by instance by SourceRegistry::update, not here.
#pragma once

#include <string>
#include <vector>

#include "host/config/Config.hpp"

namespace pricefeed::host {

struct ConfigChanges {
  // Changed sections a reload applies: "worker", "events", "daemon", "portfolio", "quality", "routing",
  // "stream", "plugins", "source_defaults".
  std::vector<std::string> sections;
  // Changed keys the running host cannot take without a restart: "database.url", "http.listen", ...
  std::vector<std::string> restart_needed;

  // Whether the worker and the daemon must be built again: a section they read changed.
  bool work_changed() const;
};

ConfigChanges compare_configs(const Config& running, const Config& next);

// `next` with the settings only a restart applies kept as `running` has them ([database], [http],
// [cluster]): what the host runs with after a reload, and what the next reload compares against.
Config with_restart_only_settings_of(const Config& running, Config next);

}  // namespace pricefeed::host
