#include "host/config/EnvironmentOverrides.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "host/config/ConfigError.hpp"

namespace pricefeed::host {
namespace {

constexpr std::array kOverrides = {
    EnvironmentOverride{"DATABASE_URL", "database.url"},
    EnvironmentOverride{"DATABASE_SESSION_URL", "database.session_url"},
    EnvironmentOverride{"FETCH_INTERVAL_MINUTES", "daemon.interval_minutes"},
    EnvironmentOverride{"TRADING_HOURS_ONLY", "daemon.trading_hours_only"},
    EnvironmentOverride{"BACKFILL_BATCH_SIZE", "worker.batch_size"},
    EnvironmentOverride{"MAX_BACKFILL_ATTEMPTS", "worker.max_attempts"},
    EnvironmentOverride{"RETRY_EXPONENTIAL_BASE", "worker.retry_base_minutes"},
    EnvironmentOverride{"COINGECKO_API_KEY", "sources.coingecko.api_key"},
    EnvironmentOverride{"MAX_REQUESTS_PER_MINUTE", "sources.*.requests_per_minute"},
};

struct SourceKeyOverride {
  std::string_view variable;
  std::string_view source;
  std::string_view key;
};

constexpr std::array kSourceKeyOverrides = {
    SourceKeyOverride{"COINGECKO_API_KEY", "coingecko", "api_key"},
};

std::string_view key_of(std::string_view variable) {
  for (const auto& override : kOverrides) {
    if (override.variable == variable) return override.key;
  }
  return {};
}

// The value of `variable`, trimmed, or nullopt when it is unset or empty.
std::optional<std::string> non_empty(const Environment& environment, std::string_view variable) {
  auto value = environment.get(variable);
  if (!value) return std::nullopt;
  auto first = value->find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  auto last = value->find_last_not_of(" \t\r\n");
  return value->substr(first, last - first + 1);
}

std::optional<int> positive_integer(const Environment& environment, std::string_view variable) {
  auto text = non_empty(environment, variable);
  if (!text) return std::nullopt;
  long long parsed = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
  if (error != std::errc{} || end != text->data() + text->size()) {
    throw ConfigError::in_environment_variable(std::string(variable), std::string(key_of(variable)),
                                               "expected a positive integer, got \"" + *text + "\"");
  }
  if (parsed < 1 || parsed > std::numeric_limits<int>::max()) {
    throw ConfigError::in_environment_variable(
        std::string(variable), std::string(key_of(variable)),
        "must be between 1 and " + std::to_string(std::numeric_limits<int>::max()) + ", got " + *text);
  }
  return static_cast<int>(parsed);
}

std::optional<bool> boolean(const Environment& environment, std::string_view variable) {
  auto text = non_empty(environment, variable);
  if (!text) return std::nullopt;
  std::string lower = *text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "1" || lower == "yes") return true;
  if (lower == "false" || lower == "0" || lower == "no") return false;
  throw ConfigError::in_environment_variable(std::string(variable), std::string(key_of(variable)),
                                             "expected true/false, 1/0 or yes/no, got \"" + *text + "\"");
}

}  // namespace

std::span<const EnvironmentOverride> environment_overrides() {
  return kOverrides;
}

void apply_section_overrides(Config& config, const Environment& environment) {
  if (auto url = non_empty(environment, "DATABASE_URL")) config.database.url = *url;
  if (auto url = non_empty(environment, "DATABASE_SESSION_URL")) config.database.session_url = *url;
  if (auto minutes = positive_integer(environment, "FETCH_INTERVAL_MINUTES")) {
    config.daemon.interval_minutes = *minutes;
  }
  if (auto only = boolean(environment, "TRADING_HOURS_ONLY")) config.daemon.trading_hours_only = *only;
  if (auto size = positive_integer(environment, "BACKFILL_BATCH_SIZE")) config.worker.batch_size = *size;
  if (auto attempts = positive_integer(environment, "MAX_BACKFILL_ATTEMPTS")) {
    config.worker.max_attempts = *attempts;
  }
  if (auto base = positive_integer(environment, "RETRY_EXPONENTIAL_BASE")) {
    config.worker.retry_base_minutes = *base;
  }
}

SourceDefaults source_defaults_from(const Environment& environment) {
  SourceDefaults defaults;
  if (auto limit = positive_integer(environment, "MAX_REQUESTS_PER_MINUTE"))
    defaults.requests_per_minute = *limit;
  return defaults;
}

SourceKeyOverrides source_key_overrides_from(const Environment& environment) {
  SourceKeyOverrides overrides;
  for (const auto& override : kSourceKeyOverrides) {
    if (auto value = non_empty(environment, override.variable)) {
      overrides[std::string(override.source)].insert_or_assign(std::string(override.key), *value);
    }
  }
  return overrides;
}

}  // namespace pricefeed::host
