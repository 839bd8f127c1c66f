#pragma once

// A source's table as the JSON its plugin receives: every string ${VAR}-expanded, dates as their
// TOML text (ISO 8601), nested tables and arrays kept.

#include <string>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "host/config/ParseContext.hpp"

namespace pricefeed::host {

// `key_path` names `table` in messages (e.g. "sources.yahoo"). Throws ConfigError for a malformed
// ${...} or a nan/inf, which JSON cannot carry.
nlohmann::json toml_table_to_json(const ParseContext& context, const toml::table& table,
                                  const std::string& key_path);

}  // namespace pricefeed::host
