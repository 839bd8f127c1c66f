#pragma once

// The .env format docker compose and python-dotenv read: one KEY=VALUE per line, `#` comments,
// an optional `export ` prefix, and values optionally in single quotes (literal) or double quotes
// (with \n \t \r \" \\ \$ escapes). Values are not ${VAR}-expanded: expansion happens once, in the
// TOML strings that refer to them.

#include <filesystem>
#include <string>
#include <string_view>

#include "host/config/Environment.hpp"

namespace pricefeed::host {

// Throws ConfigError naming `origin` and the line for a line that is not a variable assignment.
// A variable assigned twice keeps the last value, as when the file is sourced by a shell.
Environment::Variables parse_dotenv(std::string_view text, const std::string& origin);

// Throws ConfigError when the file cannot be read or is malformed.
Environment::Variables read_dotenv_file(const std::filesystem::path& file);

}  // namespace pricefeed::host
