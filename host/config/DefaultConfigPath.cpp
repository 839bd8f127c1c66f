#include "host/config/DefaultConfigPath.hpp"

#include <system_error>

namespace pricefeed::host {

std::optional<std::filesystem::path> default_config_path(const std::filesystem::path& working_directory,
                                                         const std::filesystem::path& system_file) {
  std::error_code error;
  auto local_file = working_directory / "config" / "pricefeed.toml";
  if (std::filesystem::is_regular_file(local_file, error)) return local_file;
  if (std::filesystem::is_regular_file(system_file, error)) return system_file;
  return std::nullopt;
}

LoadedConfig load_config_or_defaults(const std::optional<std::filesystem::path>& config_option,
                                     const Environment& environment,
                                     const std::filesystem::path& working_directory,
                                     const std::filesystem::path& system_file) {
  if (config_option) return load_config(*config_option, environment);
  if (auto file = default_config_path(working_directory, system_file)) return load_config(*file, environment);
  return default_config(environment);
}

}  // namespace pricefeed::host
