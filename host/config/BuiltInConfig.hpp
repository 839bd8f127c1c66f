#pragma once

// The shipped configuration, config/pricefeed.toml, as TOML text compiled in: what the host runs with when
// there is no config file, and where a file without [sources] takes its source tables from. It must say the
// same as config/pricefeed.toml (a test compares them).

#include <string_view>

namespace pricefeed::host {

inline constexpr std::string_view kBuiltInConfigOrigin = "<built-in defaults>";

std::string_view built_in_config_toml();

}  // namespace pricefeed::host
