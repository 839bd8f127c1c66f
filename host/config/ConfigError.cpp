#include "host/config/ConfigError.hpp"

#include <utility>

namespace pricefeed::host {

std::string format_config_location(const std::string& origin, std::size_t line, const std::string& key,
                                   const std::string& problem) {
  std::string text;
  if (!origin.empty()) {
    text += origin;
    if (line > 0) text += ":" + std::to_string(line);
    text += ": ";
  }
  if (!key.empty()) text += key + ": ";
  text += problem;
  return text;
}

ConfigError::ConfigError(std::string origin, std::size_t line, std::string key, std::string problem)
    // Copies, not moves: the order in which arguments are evaluated is unspecified.
    : ConfigError(format_config_location(origin, line, key, problem), origin, line, key, {}, problem) {}

ConfigError ConfigError::in_environment_variable(std::string variable, std::string key, std::string problem) {
  std::string message = "environment variable " + variable;
  if (!key.empty()) message += " (overrides " + key + ")";
  message += ": " + problem;
  return ConfigError(std::move(message), {}, 0, std::move(key), std::move(variable), std::move(problem));
}

ConfigError::ConfigError(std::string message, std::string origin, std::size_t line, std::string key,
                         std::string variable, std::string problem)
    : std::runtime_error(std::move(message)),
      origin_(std::move(origin)),
      line_(line),
      key_(std::move(key)),
      variable_(std::move(variable)),
      problem_(std::move(problem)) {}

}  // namespace pricefeed::host
