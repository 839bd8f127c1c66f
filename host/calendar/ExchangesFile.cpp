#include "host/calendar/ExchangesFile.hpp"

#include <system_error>
#include <vector>

#include "host/config/ConfigError.hpp"

namespace pricefeed::host {
namespace {

bool exists_as_file(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

ExchangesFile locate_exchanges_file(const Config& config, const DataDirectories& data) {
  if (config.daemon.exchanges_file) return {config.exchanges_file_path(), "daemon.exchanges_file"};

  std::vector<ExchangesFile> candidates{{config.exchanges_file_path(), "beside the configuration"}};
  if (!data.installed.empty()) candidates.push_back({data.installed / "exchanges.toml", "installed copy"});
  candidates.push_back({data.source_tree / "config" / "exchanges.toml", "source tree"});
  std::string looked;
  for (const ExchangesFile& candidate : candidates) {
    if (exists_as_file(candidate.path)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.path.string() + " (" + candidate.chosen_as + ")";
  }
  throw ConfigError(
      config.file.empty() ? std::string("built-in defaults") : config.file.string(), 0,
      "daemon.exchanges_file",
      "no trading calendar file: looked at " + looked + "; set it to the path of exchanges.toml");
}

ExchangesFile locate_exchanges_file(const Config& config) {
  return locate_exchanges_file(config, data_directories());
}

}  // namespace pricefeed::host
