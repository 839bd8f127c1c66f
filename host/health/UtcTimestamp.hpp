// Instants as the health routes show them: ISO 8601 in UTC to the second, "2026-11-25T15:44:29Z".
#pragma once

#include <chrono>
#include <string>

namespace pricefeed::host {

using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;

std::string format_utc_timestamp(UtcTime instant);

}  // namespace pricefeed::host
