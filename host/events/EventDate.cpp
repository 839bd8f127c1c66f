#include "host/events/EventDate.hpp"

#include "host/events/ValueForMessage.hpp"

namespace pricefeed::host {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int digits_value(std::string_view digits) {
  int value = 0;
  for (char c : digits)
    value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::variant<date::sys_days, std::string> parse_event_date(std::string_view text, date::sys_days today) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digit(text[0]) &&
                      is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]) && is_digit(text[5]) &&
                      is_digit(text[6]) && is_digit(text[8]) && is_digit(text[9]);
  if (!shaped) return value_for_message(text) + " is not an ISO 8601 date (YYYY-MM-DD)";

  const date::year_month_day ymd{date::year{digits_value(text.substr(0, 4))},
                                 date::month{static_cast<unsigned>(digits_value(text.substr(5, 2)))},
                                 date::day{static_cast<unsigned>(digits_value(text.substr(8, 2)))}};
  if (!ymd.ok()) return std::string(text) + " is not a real date";
  if (ymd.year() < date::year{kEarliestEventYear}) {
    return std::string(text) + " is before " + std::to_string(kEarliestEventYear);
  }
  const date::sys_days day{ymd};
  if (day > today + date::days{1}) {
    return std::string(text) + " is in the future (today is " + date::format("%F", today) + " UTC)";
  }
  return day;
}

}  // namespace pricefeed::host
