#include "host/time/TimeOfDay.hpp"

#include <charconv>

#include <date/date.h>

#include "host/time/TextLayout.hpp"

namespace pricefeed::host {
namespace {

// The two digits at `position` of text whose layout has been checked.
int two_digits_at(std::string_view text, std::size_t position) {
  int value = 0;
  std::from_chars(text.data() + position, text.data() + position + 2, value);
  return value;
}

}  // namespace

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text, bool allow_end_of_day) {
  // Not date::parse: into a duration it lets minutes overflow ("09:60" reads as 10:00).
  if (!matches_layout(text, "99:99")) return std::nullopt;
  const int hours = two_digits_at(text, 0);
  const int minutes = two_digits_at(text, 3);
  if (minutes > 59) return std::nullopt;
  if (hours == 24 && minutes == 0 && allow_end_of_day) return std::chrono::hours(24);
  if (hours > 23) return std::nullopt;
  return std::chrono::hours(hours) + std::chrono::minutes(minutes);
}

std::string format_time_of_day(std::chrono::minutes offset) {
  const bool day_before = offset < std::chrono::minutes(0);
  if (day_before) offset += std::chrono::hours(24);
  return date::format("%R", offset) + (day_before ? " the day before" : "");
}

}  // namespace pricefeed::host
