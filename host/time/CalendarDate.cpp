#include "host/time/CalendarDate.hpp"

#include <stdexcept>

#include <date/date.h>

#include "host/time/TextLayout.hpp"

namespace pricefeed::host {

std::string format_iso_date(std::chrono::sys_days date) {
  return date::format("%F", date);
}

bool has_iso_date_layout(std::string_view text) {
  return matches_layout(text, "9999-99-99");
}

std::optional<std::chrono::sys_days> try_parse_iso_date(std::string_view text) {
  if (!has_iso_date_layout(text)) return std::nullopt;
  return parse_whole<std::chrono::sys_days>(text, "%F");
}

std::chrono::sys_days parse_iso_date(std::string_view text) {
  if (auto date = try_parse_iso_date(text)) return *date;
  throw std::invalid_argument("'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
}

}  // namespace pricefeed::host
