// Instants as text, in UTC to the second: ISO 8601 for people and the health routes
// ("2026-11-25T15:44:29Z"), PostgreSQL's timestamptz text for COPY ("2026-11-25 15:44:29+00").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-25T15:44:29Z"; a fraction of a second is dropped.
std::string format_utc_timestamp(UtcTime instant);

// The instant of "2026-11-25T15:44:29Z"; nullopt for any other text.
std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text);

// "2024-01-01 13:30:05+00": a bar's ts as COPY's text format reads a timestamptz. Formatted by hand,
// unlike the rest of host/time: COPY writes one per bar, and date::format (an ostringstream a call)
// measured five times slower than this.
std::string format_copy_timestamp(std::int64_t unix_seconds);

}  // namespace pricefeed::host
