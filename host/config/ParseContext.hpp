#pragma once

// What every part of the loader needs while it reads one document: where the text came from (for
// messages), the variables to expand, and where warnings go.

#include <string>
#include <vector>

#include "host/config/ConfigWarning.hpp"
#include "host/config/Environment.hpp"

namespace pricefeed::host {

struct ParseContext {
  std::string origin;  // the file name as given, or "<built-in defaults>"
  const Environment& environment;
  std::vector<ConfigWarning>& warnings;
};

}  // namespace pricefeed::host
