#include "host/queue/CalendarDate.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace pricefeed::host {
namespace {

bool parse_number(std::string_view text, int& value) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc{} && result.ptr == text.data() + text.size();
}

}  // namespace

std::string format_iso_date(std::chrono::sys_days date) {
  const std::chrono::year_month_day ymd{date};
  std::array<char, 16> text;
  const int length = std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                                   static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(text.data(), static_cast<std::size_t>(length));
}

std::chrono::sys_days parse_iso_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (shaped && parse_number(text.substr(0, 4), year) && parse_number(text.substr(5, 2), month) &&
      parse_number(text.substr(8, 2), day)) {
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (date.ok()) return std::chrono::sys_days{date};
  }
  throw std::invalid_argument("'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
}

}  // namespace pricefeed::host
