#pragma once

// The members of an event's JSON object, with numbers kept as the sender wrote them.
//
// nlohmann::json turns 0.1 into the nearest double, and the quantity 0.1 must reach PostgreSQL's
// numeric column as exactly 0.1. Parsing through the SAX interface hands us each number's own text
// instead. An event is a flat object, so only its top-level members are kept; nested values are
// recorded by kind alone (they are always a wrong type for an event field).

#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "host/events/InvalidEvent.hpp"

namespace pricefeed::host {

struct EventBodyMember {
  enum class Kind { string, number, boolean, null, object, array };

  Kind kind = Kind::null;
  // A string's value (unescaped) or a number's text as written ("1.50", "-3", "1e5"); empty otherwise.
  std::string text;
};

// "a string", "a number", ... for messages such as "quantity: must be a string or a number, not an array".
std::string_view describe(EventBodyMember::Kind kind);

struct EventBody {
  std::map<std::string, EventBodyMember, std::less<>> members;

  // nullptr when the member is absent.
  const EventBodyMember* find(std::string_view name) const;
};

// The body's members, or why it is not an event body: not JSON ("body: not valid JSON: ..."), not an
// object, or the same member twice (which one counts would be a guess).
std::variant<EventBody, InvalidEvent> parse_event_body(std::string_view json_text);

}  // namespace pricefeed::host
