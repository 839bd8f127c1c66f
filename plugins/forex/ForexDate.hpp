#pragma once

// Calendar dates as the reference-rate sources use them. A rate belongs to a civil date (the ECB
// fixes it at 14:15 CET); pricefeed keys its daily bar at 00:00 UTC of that date. Days are counted
// from 1970-01-01, so day * 86400 is the bar's ts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::forex {

using Day = std::int64_t;  // days since 1970-01-01

inline constexpr std::int64_t kSecondsPerDay = 86400;

// 1999-01-04: the first ECB euro reference rates. Nothing exists before it.
inline constexpr Day kEuroFirstDay = 10595;

// Strict "YYYY-MM-DD" of a real calendar date; nullopt otherwise ("2024-02-30", "2024-1-2").
std::optional<Day> parse_iso_date(std::string_view text);
std::string iso_date(Day day);

// The day an instant falls on (UTC) / the first day whose midnight is at or after the instant.
Day day_containing(std::int64_t unix_seconds);
Day first_midnight_at_or_after(std::int64_t unix_seconds);
inline std::int64_t midnight_of(Day day) {
  return day * kSecondsPerDay;
}

}  // namespace pricefeed::forex
