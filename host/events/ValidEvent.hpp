#pragma once

// A buy or sell event that passed EventValidator: every field present, well formed and within bounds.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/assets/AssetClass.hpp"

namespace pricefeed::host {

enum class EventType { buy, sell };

std::string_view to_string(EventType type);

struct ValidEvent {
  std::string event_id;  // 1..200 code points, no control characters
  std::string user_id;   // 1..200 code points, no control characters
  EventType type = EventType::buy;
  std::string symbol;  // matches its class's SymbolPattern
  AssetClass asset_class = AssetClass::stock;
  std::chrono::sys_days date;  // a real date, not after tomorrow (UTC)
  // Exactly as the sender wrote them ("0.10000000", never 0.1 rounded through a double), for numeric
  // columns: plain decimals, no exponent; quantity > 0, price >= 0.
  std::string quantity;
  std::string price;
  std::string currency;  // ISO 4217 (USD), or a minor unit (GBp, GBX, ZAc, ILA)

  // The date as YYYY-MM-DD.
  std::string date_text() const;

  // What transaction_events.payload holds for an event received over HTTP: the fields above but
  // event_id (the row's key), quantity and price as JSON strings so that they stay exact.
  nlohmann::ordered_json payload() const;

  bool operator==(const ValidEvent&) const = default;
};

// The payload fields in which two events with one event_id differ, in payload order ("quantity",
// "price"); empty when they are the same event (docs/events.md "The same event"). Compared after
// validation, so JSON spacing, member order, members the event does not define, and a number given as
// a string or a JSON number do not count; quantity and price are compared as numbers ("10" is "10.00").
std::vector<std::string> differing_fields(const ValidEvent& stored, const ValidEvent& received);

}  // namespace pricefeed::host
