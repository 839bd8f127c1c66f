#pragma once

// A problem that does not stop the host (an unknown key, most likely a typo). The loader returns
// warnings instead of logging them, so the caller decides where they go and tests can assert them.

#include <cstddef>
#include <string>

#include "host/config/ConfigError.hpp"

namespace pricefeed::host {

struct ConfigWarning {
  std::string origin;    // the file name as given
  std::size_t line = 0;  // 1-based; 0 = no line
  std::string key;       // dotted key path
  std::string message;

  // "origin:line: key: message", the same shape as a ConfigError.
  std::string to_string() const { return format_config_location(origin, line, key, message); }

  bool operator==(const ConfigWarning&) const = default;
};

}  // namespace pricefeed::host
