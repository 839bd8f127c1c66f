#include "host/cli/CommandContext.hpp"

#include "host/cli/ConfigSecrets.hpp"
#include "host/config/DefaultConfigPath.hpp"
#include "host/config/Environment.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

Config load_command_config(const GlobalOptions& options) {
  LoadedConfig loaded = load_config_or_defaults(options.config_file, Environment::from_process());
  register_config_secrets(loaded.config);
  for (const auto& warning : loaded.warnings)
    log_warn("configuration: " + warning.to_string());
  return std::move(loaded.config);
}

}  // namespace pricefeed::host
