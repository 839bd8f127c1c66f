#pragma once

// Turns an event as received (a POST /v1/events body, or a transaction_events row written by another
// application) into a ValidEvent, or into the first problem found, naming its field:
//
//   {"event_id": "t-1", "user_id": "u-7", "type": "buy", "symbol": "AAPL", "asset_class": "stock",
//    "date": "2026-02-27", "quantity": "10", "price": "187.25", "currency": "USD"}
//
// Fields are checked in the order above, so the message names the first bad one. Members the event
// does not define are ignored (a sender may add its own), and not stored. quantity and price may be
// decimal strings or JSON numbers; either way their text is kept exactly (see DecimalText.hpp).

#include <string_view>
#include <variant>

#include "host/events/InvalidEvent.hpp"
#include "host/events/ValidEvent.hpp"
#include "host/time/Today.hpp"

namespace pricefeed::host {

using EventValidation = std::variant<ValidEvent, InvalidEvent>;

// The schema's limit on transaction_events.event_id (so it always fits a NOTIFY payload); user_id
// shares it, being an identifier of the same kind.
inline constexpr std::size_t kMaxEventIdLength = 200;
inline constexpr std::size_t kMaxUserIdLength = 200;

class EventValidator {
 public:
  explicit EventValidator(TodayFunction today = utc_today);

  // A POST /v1/events body, event_id included.
  EventValidation validate_body(std::string_view body) const;

  // A stored row: event_id from its column, payload as the jsonb's text. The payload need not repeat
  // the event_id; when it does, the two must agree.
  EventValidation validate_stored(std::string_view event_id, std::string_view payload) const;

 private:
  TodayFunction today_;
};

}  // namespace pricefeed::host
