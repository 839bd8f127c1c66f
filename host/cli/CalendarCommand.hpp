#pragma once

#include <string>

#include "host/cli/CommandContext.hpp"

namespace pricefeed::host {

struct CalendarArguments {
  std::string exchange;         // a calendar's name or alias, any case (ExchangeCalendars::for_exchange)
  std::string from;             // YYYY-MM-DD, the exchange's local date
  std::string to;               // YYYY-MM-DD, included
  std::string format = "text";  // text, csv or json
};

// `pricefeed calendar NAME --from DATE --to DATE [--format text|csv|json]` (docs/admin-commands.md):
// every date of the range as the exchange's calendar (config/exchanges.toml) sees it: the sessions of
// its trading days, early closes and late opens by the rule's name, its holidays. Needs the
// configuration only (to find exchanges.toml), never the database. Returns 2, with a message naming
// what was wrong, for an unknown exchange, a date that is not YYYY-MM-DD, --from after --to, or a
// range longer than kMaxCalendarYears.
int run_calendar_command(const GlobalOptions& options, const CalendarArguments& arguments);

// The longest range printed: a typo in a year (2026 -> 20026 is refused as a date anyway; 1026) should
// not print a million lines.
inline constexpr int kMaxCalendarYears = 200;

}  // namespace pricefeed::host
