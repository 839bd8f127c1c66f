// Reading config/exchanges.toml (docs/calendars.md is the reference) into ExchangeCalendars, with
// strict validation: a wrong type, an unknown key, a time zone the tz database does not know, a
// malformed time, a session closing before it opens, a holiday outside the covered years or on a
// weekday without trading, a date listed twice, an unknown weekday or asset class, an alias or
// default naming no calendar, two exchanges or aliases that read the same: each stops the load with a
// ConfigError "file:line: key: reason".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/ConfigError.hpp"

namespace pricefeed::host {

// Reads and validates `file`. Throws ConfigError (also for a missing or unreadable file).
ExchangeCalendars load_exchange_calendars(const std::filesystem::path& file);

// The same for TOML text; `origin` names it in messages.
ExchangeCalendars parse_exchange_calendars(std::string_view text, const std::string& origin);

}  // namespace pricefeed::host
