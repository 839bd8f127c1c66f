#pragma once

// The one exception configuration problems are reported with. what() is the whole message an
// operator needs, e.g. `config/pricefeed.toml:12: worker.batch_size: expected an integer, got string "ten"`
// or `environment variable BACKFILL_BATCH_SIZE (overrides worker.batch_size): expected ...`.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace pricefeed::host {

class ConfigError : public std::runtime_error {
 public:
  // A problem at `line` (1-based; 0 = no line) of `origin` (a file name), in `key` (dotted, may be empty).
  ConfigError(std::string origin, std::size_t line, std::string key, std::string problem);

  // A problem with the value of environment variable `variable`, which sets `key` (may be empty).
  static ConfigError in_environment_variable(std::string variable, std::string key, std::string problem);

  const std::string& origin() const noexcept { return origin_; }
  std::size_t line() const noexcept { return line_; }
  const std::string& key() const noexcept { return key_; }
  const std::string& variable() const noexcept { return variable_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  ConfigError(std::string message, std::string origin, std::size_t line, std::string key,
              std::string variable, std::string problem);

  std::string origin_;
  std::size_t line_ = 0;
  std::string key_;
  std::string variable_;
  std::string problem_;
};

// "origin:line: key: problem", leaving out the parts that are empty; shared with ConfigWarning so
// errors and warnings read alike.
std::string format_config_location(const std::string& origin, std::size_t line, const std::string& key,
                                   const std::string& problem);

}  // namespace pricefeed::host
