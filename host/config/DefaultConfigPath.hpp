#pragma once

// Which configuration `pricefeed` runs with when --config is not given: the project checkout's
// file when started from one, the system's when installed, else the built-in defaults.

#include <filesystem>
#include <optional>

#include "host/config/ConfigLoader.hpp"
#include "host/config/Environment.hpp"

namespace pricefeed::host {

inline const std::filesystem::path kSystemConfigFile = "/etc/pricefeed/pricefeed.toml";

// `working_directory`/config/pricefeed.toml if it exists, else `system_file` if it exists, else
// nullopt (run with the built-in defaults).
std::optional<std::filesystem::path> default_config_path(
    const std::filesystem::path& working_directory = ".",
    const std::filesystem::path& system_file = kSystemConfigFile);

// --config FILE given: that file, and a missing one is an error (the operator named it). Not given:
// default_config_path(), and when there is none, default_config().
LoadedConfig load_config_or_defaults(const std::optional<std::filesystem::path>& config_option,
                                     const Environment& environment,
                                     const std::filesystem::path& working_directory = ".",
                                     const std::filesystem::path& system_file = kSystemConfigFile);

}  // namespace pricefeed::host
