#include "host/events/ValidEvent.hpp"

#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {

std::string_view to_string(EventType type) {
  return type == EventType::buy ? "buy" : "sell";
}

std::string ValidEvent::date_text() const {
  return format_iso_date(date);
}

nlohmann::ordered_json ValidEvent::payload() const {
  return nlohmann::ordered_json{
      {"user_id", user_id},  {"type", to_string(type)},
      {"symbol", symbol},    {"asset_class", asset_class_name(asset_class)},
      {"date", date_text()}, {"quantity", quantity},
      {"price", price},      {"currency", currency},
  };
}

}  // namespace pricefeed::host
