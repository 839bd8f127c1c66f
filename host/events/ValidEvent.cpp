#include "host/events/ValidEvent.hpp"

#include "host/events/DecimalText.hpp"
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

std::vector<std::string> differing_fields(const ValidEvent& stored, const ValidEvent& received) {
  std::vector<std::string> fields;
  const auto check = [&fields](bool same, const char* field) {
    if (!same) fields.emplace_back(field);
  };
  check(stored.user_id == received.user_id, "user_id");
  check(stored.type == received.type, "type");
  check(stored.symbol == received.symbol, "symbol");
  check(stored.asset_class == received.asset_class, "asset_class");
  check(stored.date == received.date, "date");
  check(decimals_equal(stored.quantity, received.quantity), "quantity");
  check(decimals_equal(stored.price, received.price), "price");
  check(stored.currency == received.currency, "currency");
  return fields;
}

}  // namespace pricefeed::host
