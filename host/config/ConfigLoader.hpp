#pragma once

// Reading config/pricefeed.toml into a validated Config (docs/configuration.md is the reference).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "host/config/Config.hpp"
#include "host/config/ConfigError.hpp"
#include "host/config/ConfigWarning.hpp"
#include "host/config/Environment.hpp"

namespace pricefeed::host {

struct LoadedConfig {
  Config config;
  // Unknown keys and other things worth an operator's look that do not stop the host; the caller
  // logs them (the loader has no logger, so that it can run before logging is set up).
  std::vector<ConfigWarning> warnings;
};

// Reads, expands, overrides and validates `file`. Throws ConfigError, naming the file, line and key,
// for a missing or unreadable file, a TOML syntax error, a value of the wrong type, a value out of
// range and a malformed environment override (naming the variable).
LoadedConfig load_config(const std::filesystem::path& file, const Environment& environment);

// The same for TOML text: `origin` names it in messages and relative plugin directories resolve
// against `directory` (left as they are when `directory` is empty).
LoadedConfig load_config_text(std::string_view text, const std::string& origin,
                              const std::filesystem::path& directory, const Environment& environment);

// The built-in configuration (config/pricefeed.toml, compiled in) with the environment applied: for running
// without a config file.
LoadedConfig default_config(const Environment& environment);

}  // namespace pricefeed::host
