#pragma once

// The durable inbox for events arriving over HTTP (docs/events.md "The inbox"):
//
//   1. validate: a refused event is never stored (400 with the field's message);
//   2. store: INSERT INTO transaction_events ... ON CONFLICT (event_id) DO NOTHING, committed on its
//      own. A conflict is a replay: "duplicate", nothing changes. Once this commits the event cannot be
//      lost, and only then is it acknowledged (202);
//   3. handle it at once with the orchestrator, in its own transaction, when handle_after_storing is
//      set. A failure there is logged, not reported: the event is stored, and the listener (woken by
//      the insert's NOTIFY) or the next sweep handles it. Handling only writes rows (holding, tracking,
//      jobs), so the caller never waits for a fetch.
//
// Rows written straight into transaction_events by another application are picked up by
// EventListener; both paths go through the same EventOrchestrator.
//
// Thread-safe: each call takes its own connection from `with_connection`.

#include <stdexcept>
#include <string_view>

#include "host/events/EventValidator.hpp"
#include "host/inbox/EventSubmission.hpp"
#include "host/inbox/WithConnection.hpp"

namespace pricefeed::host {

class EventOrchestrator;

// The event could not be stored because the database is unreachable or failing: it was NOT
// accepted, and the sender should retry (HTTP 503). The message says why, without secrets.
class EventStoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EventInbox {
 public:
  struct Settings {
    // Handle each stored event right away on the caller's thread (a few queries, no fetch) rather
    // than leaving it all to the listener.
    bool handle_after_storing = true;
  };

  // `orchestrator` must outlive the inbox.
  EventInbox(WithConnection with_connection, EventValidator validator, const EventOrchestrator& orchestrator,
             Settings settings);
  EventInbox(WithConnection with_connection, EventValidator validator, const EventOrchestrator& orchestrator);

  // Throws EventStoreUnavailable when the event could not be stored.
  EventSubmission submit(std::string_view body) const;

 private:
  WithConnection with_connection_;
  EventValidator validator_;
  const EventOrchestrator& orchestrator_;
  Settings settings_;
};

}  // namespace pricefeed::host
