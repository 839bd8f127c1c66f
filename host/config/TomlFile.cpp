#include "host/config/TomlFile.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "host/config/ConfigError.hpp"

namespace pricefeed::host {

std::string read_toml_file(const std::filesystem::path& file, std::string_view kind) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    throw ConfigError(file.string(), 0, "", "is a directory, not a " + std::string(kind));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ConfigError(file.string(), 0, "",
                      "cannot read the " + std::string(kind) + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

toml::table parse_toml(std::string_view text, const std::string& origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& error) {
    throw ConfigError(origin, error.source().begin.line, "",
                      "TOML syntax error at column " + std::to_string(error.source().begin.column) + ": " +
                          std::string(error.description()));
  }
}

}  // namespace pricefeed::host
