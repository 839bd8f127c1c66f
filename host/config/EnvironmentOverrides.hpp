#pragma once

// The variables of the original (seed) service keep working: each overrides one key of the file, so
// a deployment configured through the environment needs no config file edits.

#include <span>
#include <string_view>

#include "host/config/Config.hpp"
#include "host/config/Environment.hpp"

namespace pricefeed::host {

struct EnvironmentOverride {
  std::string_view variable;
  std::string_view key;  // the dotted key it replaces
};

// Every override, in the order of docs/configuration.md.
std::span<const EnvironmentOverride> environment_overrides();

// Applies DATABASE_URL, FETCH_INTERVAL_MINUTES, TRADING_HOURS_ONLY, BACKFILL_BATCH_SIZE,
// MAX_BACKFILL_ATTEMPTS and RETRY_EXPONENTIAL_BASE to `config`. A variable set to the empty string
// counts as unset (compose files often pass `DATABASE_URL=`); a malformed value is a ConfigError
// naming the variable.
void apply_section_overrides(Config& config, const Environment& environment);

// The limits of a source that sets none: MAX_REQUESTS_PER_MINUTE when set, else the built-in 60.
SourceDefaults source_defaults_from(const Environment& environment);

// COINGECKO_API_KEY -> coingecko.api_key, for the sources whose key the environment sets.
SourceKeyOverrides source_key_overrides_from(const Environment& environment);

}  // namespace pricefeed::host
