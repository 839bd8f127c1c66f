#pragma once

// Why an event was refused, naming the field at fault, so the sender can fix the right thing:
// {"error": "date: 2026-13-01 is not a real date"}.

#include <string>

namespace pricefeed::host {

struct InvalidEvent {
  std::string field;    // "date"; "body" when the whole body is at fault (not JSON, not an object)
  std::string problem;  // "2026-13-01 is not a real date"

  // "field: problem", the text of the HTTP error and of transaction_events.error.
  std::string message() const { return field + ": " + problem; }

  bool operator==(const InvalidEvent&) const = default;
};

}  // namespace pricefeed::host
