// Local clock times of trading calendars, written "HH:MM" in config/exchanges.toml and counted in
// minutes from local midnight in code.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// "09:30" -> 570 minutes. "24:00" (the end of the day, for a session that runs to midnight) only when
// `allow_end_of_day`. nullopt for anything else: "9:30", "09:60", "25:00", "09:30:00".
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text, bool allow_end_of_day);

// 570 minutes -> "09:30"; 1440 -> "24:00". A negative offset (a session opening the evening before
// its trading day) reads "17:00 the day before".
std::string format_time_of_day(std::chrono::minutes offset);

}  // namespace pricefeed::host
