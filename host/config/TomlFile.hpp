// Reading the TOML files the host is configured by (pricefeed.toml, exchanges.toml): what goes wrong
// is a ConfigError naming the file, and for a syntax error the line and column.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace pricefeed::host {

// The whole of `file`. `kind` names it in the message when it cannot be read ("configuration file":
// "cannot read the configuration file: No such file or directory").
std::string read_toml_file(const std::filesystem::path& file, std::string_view kind);

// The document in `text`; `origin` names it in messages.
toml::table parse_toml(std::string_view text, const std::string& origin);

}  // namespace pricefeed::host
