#pragma once

// What became of one event handed to the inbox: the HTTP answer follows from it.

#include <string>
#include <vector>

namespace pricefeed::host {

struct EventSubmission {
  enum class Status {
    accepted,   // stored now (HTTP 202); handled right after, or by the listener or the sweep
    duplicate,  // an event with this event_id was stored before (HTTP 200); nothing changed
    invalid,    // refused before storing (HTTP 400); error names the field
    conflict,   // this event_id was stored with other contents (HTTP 409); nothing stored or changed
    held,       // stored (HTTP 202), but a sell larger than the holding: applied once a buy makes it up
  };

  Status status = Status::invalid;
  std::string event_id;  // empty when the body had no usable event_id
  std::string field;     // for invalid: the field at fault ("date", "body")
  std::string error;     // for invalid: "date: 2026-13-01 is not a real date"; for conflict and held: why
  std::vector<std::string> differing_fields;  // for conflict: "quantity", "price" (payload order)
};

}  // namespace pricefeed::host
