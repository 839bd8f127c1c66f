#include "host/config/Environment.hpp"

#include <unistd.h>

#include <system_error>

#include "host/config/DotEnvFile.hpp"

namespace pricefeed::host {

Environment::Variables process_environment_variables() {
  Environment::Variables variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;  // not NAME=VALUE: nothing a lookup could find
    variables.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return variables;
}

Environment Environment::from_process(const std::filesystem::path& dotenv_file) {
  return with_dotenv(process_environment_variables(), dotenv_file);
}

Environment Environment::with_dotenv(Variables real, const std::filesystem::path& dotenv_file) {
  std::error_code error;
  if (!std::filesystem::exists(dotenv_file, error)) return Environment(std::move(real));
  for (auto& [name, value] : read_dotenv_file(dotenv_file)) {
    real.emplace(name, std::move(value));  // emplace keeps the real value when there is one
  }
  return Environment(std::move(real));
}

std::optional<std::string> Environment::get(std::string_view name) const {
  auto found = variables_.find(name);
  if (found == variables_.end()) return std::nullopt;
  return found->second;
}

}  // namespace pricefeed::host
