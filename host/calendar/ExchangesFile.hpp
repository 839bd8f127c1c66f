// Which exchanges.toml a host reads (docs/calendars.md, "Which file is read"). In order: the file
// [daemon] exchanges_file names (a named file is never passed over, so a typo is an error, not a
// silent fallback); exchanges.toml beside the configuration file (/etc/pricefeed for the built-in
// defaults); the installed copy, <prefix>/share/pricefeed/exchanges.toml; the source tree's
// config/exchanges.toml when running from a build tree. A configuration file in a new folder therefore
// runs without copying the calendars next to it.
#pragma once

#include <filesystem>
#include <string>

#include "host/config/Config.hpp"
#include "host/config/DataDirectories.hpp"

namespace pricefeed::host {

struct ExchangesFile {
  std::filesystem::path path;
  // Why this file: "daemon.exchanges_file", "beside the configuration", "installed copy" or
  // "source tree" (`pricefeed plugins` prints it).
  std::string chosen_as;
};

// The file to read for `config`, looking in `data` for the installed and source-tree copies.
// Throws ConfigError naming every place it looked when none exists.
ExchangesFile locate_exchanges_file(const Config& config, const DataDirectories& data);

// locate_exchanges_file(config, data_directories()).
ExchangesFile locate_exchanges_file(const Config& config);

}  // namespace pricefeed::host
