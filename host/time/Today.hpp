#pragma once

// "Today" as a value that can be replaced: an event's date is judged against it (not in the future) and
// a backfill job ends on it, so tests pin it instead of depending on the day they run.

#include <chrono>
#include <functional>

namespace pricefeed::host {

using TodayFunction = std::function<std::chrono::sys_days()>;

// The current date in UTC, the calendar pricefeed stores dates in.
std::chrono::sys_days utc_today();

}  // namespace pricefeed::host
