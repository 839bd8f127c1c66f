// Between the ABI's timestamps, unix seconds in UTC, and the host's calendar dates, which are UTC dates
// (a daily bar's ts is 00:00 UTC of its trading date).
#pragma once

#include <chrono>
#include <cstdint>

namespace pricefeed::host {

// 00:00 UTC of `date`.
std::int64_t unix_seconds(std::chrono::sys_days date);

// The UTC date an instant falls on; instants before 1970 too (floored, not truncated toward 1970).
std::chrono::sys_days utc_date(std::int64_t unix_seconds);

}  // namespace pricefeed::host
