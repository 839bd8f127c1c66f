#include "host/health/UtcTimestamp.hpp"

#include <cstdio>

namespace pricefeed::host {

std::string format_utc_timestamp(UtcTime instant) {
  using namespace std::chrono;
  // floor, not a cast: an instant before 1970 must not round toward the epoch into the next day.
  const sys_seconds seconds = floor<std::chrono::seconds>(instant);
  const sys_days day = floor<days>(seconds);
  const year_month_day date(day);
  const hh_mm_ss time(seconds - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

}  // namespace pricefeed::host
