#include "host/config/Config.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace pricefeed::host {

const std::vector<std::string>& RoutingConfig::sources_for(AssetClass asset_class) const {
  static const std::vector<std::string> kNone;
  auto found = sources_by_asset_class.find(asset_class);
  return found == sources_by_asset_class.end() ? kNone : found->second;
}

std::filesystem::path Config::exchanges_file_path() const {
  const std::filesystem::path file = daemon.exchanges_file.value_or("exchanges.toml");
  if (file.is_absolute()) return file;
  const std::filesystem::path base = directory.empty() ? std::filesystem::path("/etc/pricefeed") : directory;
  return (base / file).lexically_normal();
}

const SourceConfig* Config::find_source(std::string_view name) const {
  auto found =
      std::find_if(sources.begin(), sources.end(), [&](const SourceConfig& s) { return s.name == name; });
  return found == sources.end() ? nullptr : &*found;
}

SourceConfig Config::unconfigured_source(std::string_view name) const {
  SourceConfig source;
  source.name = std::string(name);
  source.plugin = source.name;
  source.requests_per_minute = source_defaults.requests_per_minute;
  source.burst = source_defaults.burst;
  auto table = nlohmann::json::object();
  if (auto overrides = source_overrides_from_environment.find(name);
      overrides != source_overrides_from_environment.end()) {
    for (const auto& [key, value] : overrides->second)
      table[key] = value;
  }
  source.table_json = table.dump();
  return source;
}

bool Config::same_settings_as(const Config& other) const {
  return database == other.database && plugins == other.plugins && worker == other.worker &&
         events == other.events && daemon == other.daemon && cluster == other.cluster && http == other.http &&
         portfolio == other.portfolio && quality == other.quality && stream == other.stream &&
         source_defaults == other.source_defaults && sources == other.sources && routing == other.routing &&
         source_overrides_from_environment == other.source_overrides_from_environment;
}

}  // namespace pricefeed::host
