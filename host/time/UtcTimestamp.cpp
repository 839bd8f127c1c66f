#include "host/time/UtcTimestamp.hpp"

#include <array>
#include <cstdio>

#include <date/date.h>

#include "host/time/TextLayout.hpp"

namespace pricefeed::host {

std::string format_utc_timestamp(UtcTime instant) {
  // floor, not a cast: an instant before 1970 must not round toward the epoch into the next second.
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(instant));
}

std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text) {
  return parse_whole<std::chrono::sys_seconds>(text, "%FT%TZ");
}

std::string format_copy_timestamp(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds instant{seconds{unix_seconds}};
  const sys_days day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss time{instant - day};
  std::array<char, 40> text;
  const int length =
      std::snprintf(text.data(), text.size(), "%04d-%02u-%02u %02d:%02d:%02d+00",
                    static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                    static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                    static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return std::string(text.data(), static_cast<std::size_t>(length));
}

}  // namespace pricefeed::host
