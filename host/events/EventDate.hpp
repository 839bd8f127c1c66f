#pragma once

// An event's trade date: ISO 8601 YYYY-MM-DD, a real calendar date, not in the future.
//
// "Not in the future" allows one day past today in UTC: the sender's calendar runs up to 14 hours
// ahead of UTC (Kiribati, UTC+14), so a trade made this morning in Auckland carries tomorrow's UTC date.

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

namespace pricefeed::host {

// The earliest year accepted: asset_prices has yearly partitions from 1900 on, and no source has
// older prices.
inline constexpr int kEarliestEventYear = 1900;

// The date, or why `text` is not an acceptable trade date ("2026-13-01 is not a real date").
std::variant<std::chrono::sys_days, std::string> parse_event_date(std::string_view text,
                                                                  std::chrono::sys_days today);

}  // namespace pricefeed::host
