#include "forex/ForexDate.hpp"

#include <chrono>
#include <cstdio>

namespace pricefeed::forex {

namespace {

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits)
    value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::optional<Day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{number(year)},
                                         std::chrono::month{static_cast<unsigned>(number(month))},
                                         std::chrono::day{static_cast<unsigned>(number(day))}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::string iso_date(Day day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
  char text[48];  // room for any int, so the compiler can prove nothing is cut
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

Day day_containing(std::int64_t unix_seconds) {
  Day day = unix_seconds / kSecondsPerDay;
  if (unix_seconds % kSecondsPerDay < 0) --day;
  return day;
}

Day first_midnight_at_or_after(std::int64_t unix_seconds) {
  const Day day = day_containing(unix_seconds);
  return midnight_of(day) == unix_seconds ? day : day + 1;
}

}  // namespace pricefeed::forex
