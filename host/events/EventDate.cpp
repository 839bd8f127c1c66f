#include "host/events/EventDate.hpp"

#include "host/events/ValueForMessage.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {

std::variant<std::chrono::sys_days, std::string> parse_event_date(std::string_view text,
                                                                  std::chrono::sys_days today) {
  if (!has_iso_date_layout(text)) return value_for_message(text) + " is not an ISO 8601 date (YYYY-MM-DD)";
  const std::optional<std::chrono::sys_days> day = try_parse_iso_date(text);
  if (!day) return std::string(text) + " is not a real date";
  if (std::chrono::year_month_day{*day}.year() < std::chrono::year{kEarliestEventYear}) {
    return std::string(text) + " is before " + std::to_string(kEarliestEventYear);
  }
  if (*day > today + std::chrono::days{1}) {
    return std::string(text) + " is in the future (today is " + format_iso_date(today) + " UTC)";
  }
  return *day;
}

}  // namespace pricefeed::host
