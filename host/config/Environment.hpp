#pragma once

// The variables configuration is expanded and overridden from. Injected rather than read with
// getenv() wherever it is needed, so tests build one from a map and never touch the real environment.

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

class Environment {
 public:
  using Variables = std::map<std::string, std::string, std::less<>>;

  Environment() = default;
  explicit Environment(Variables variables) : variables_(std::move(variables)) {}
  // Environment({{"DATABASE_URL", "..."}}) in tests, without naming the map type.
  Environment(std::initializer_list<Variables::value_type> variables) : variables_(variables) {}

  // The process environment, plus the variables of `dotenv_file` (".env" in the working directory by
  // default) that the process environment does not set. A missing .env is fine; a malformed one is a
  // ConfigError naming its file and line.
  static Environment from_process(const std::filesystem::path& dotenv_file = ".env");

  // `real` plus the variables of `dotenv_file` that `real` does not set: the real environment wins,
  // as with docker compose and python-dotenv, so an operator can override .env on the command line.
  static Environment with_dotenv(Variables real, const std::filesystem::path& dotenv_file);

  // The value of `name`, or nullopt when it is not set (set but empty is a value).
  std::optional<std::string> get(std::string_view name) const;
  bool contains(std::string_view name) const { return variables_.find(name) != variables_.end(); }
  void set(std::string name, std::string value) {
    variables_.insert_or_assign(std::move(name), std::move(value));
  }
  const Variables& variables() const noexcept { return variables_; }

 private:
  Variables variables_;
};

// A snapshot of this process's environment (environ).
Environment::Variables process_environment_variables();

}  // namespace pricefeed::host
