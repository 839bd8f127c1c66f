// Calendar dates as PostgreSQL's `date`, event bodies and command lines write them: "2024-03-15".
//
// host/time holds every conversion between time values and text, and between the host's dates and the
// ABI's unix seconds: CalendarDate (dates), UtcTimestamp (instants), UnixTime (unix seconds), TimeOfDay
// (exchange clock times), Today (the current date) and Resolution (a series' bar length).
//
// Values are std::chrono types throughout the host (sys_days, year_month_day, sys_seconds). Text is
// written and read with Howard Hinnant's date library (date::format, date::parse), as time zones are
// (date/tz.h, in host/calendar): GCC 12's libstdc++ has neither std::chrono::format and parse nor the
// time zone database, and one library for text writes every date alike. The one formatter by hand is
// format_copy_timestamp (UtcTimestamp.hpp), on the COPY path of every bar written.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// "2024-03-15" (years 0..9999).
std::string format_iso_date(std::chrono::sys_days date);

// True when `text` is laid out as YYYY-MM-DD (ten characters, digits and dashes in their places),
// whether or not it names a real date.
bool has_iso_date_layout(std::string_view text);

// The date of a YYYY-MM-DD `text`; nullopt when it is laid out otherwise or is not a real date.
std::optional<std::chrono::sys_days> try_parse_iso_date(std::string_view text);

// Parses "YYYY-MM-DD"; throws std::invalid_argument naming the text when it is not a real date.
std::chrono::sys_days parse_iso_date(std::string_view text);

}  // namespace pricefeed::host
