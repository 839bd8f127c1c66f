// What every command starts from: the options common to all of them and the loaded configuration.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "host/config/Config.hpp"

namespace pricefeed::host {

struct GlobalOptions {
  std::optional<std::filesystem::path> config_file;
  std::string log_format = "json";
  std::string log_level = "info";
};

// Loads the configuration named by the options (or the default one) and logs its warnings.
// Throws ConfigError.
Config load_command_config(const GlobalOptions& options);

}  // namespace pricefeed::host
