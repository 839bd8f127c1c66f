// Dates of backfill ranges as PostgreSQL's `date` reads and writes them: "2024-03-15".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace pricefeed::host {

// "2024-03-15" (years 0..9999).
std::string format_iso_date(std::chrono::sys_days date);

// Parses "YYYY-MM-DD"; throws std::invalid_argument naming the text when it is not a real date.
std::chrono::sys_days parse_iso_date(std::string_view text);

}  // namespace pricefeed::host
