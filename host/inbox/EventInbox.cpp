#include "host/inbox/EventInbox.hpp"

#include <exception>

#include <pqxx/except>
#include <pqxx/transaction>

#include "host/db/ErrorFirstLine.hpp"
#include "host/events/ValueForMessage.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"

namespace pricefeed::host {
namespace {

struct Stored {
  bool inserted = false;                 // false: the event_id was there already
  std::vector<std::string> differences;  // when not inserted: the fields in which the stored event differs
};

// The fields in which the stored payload differs from `event`. A stored payload that does not
// validate (a row written straight into the table) differs at least in the field it fails on.
std::vector<std::string> compare_with_stored(const EventValidator& validator, const ValidEvent& event,
                                             const std::string& stored_payload) {
  const EventValidation stored = validator.validate_stored(event.event_id, stored_payload);
  if (const auto* invalid = std::get_if<InvalidEvent>(&stored)) return {invalid->field};
  return differing_fields(std::get<ValidEvent>(stored), event);
}

Stored store(pqxx::connection& connection, const EventValidator& validator, const ValidEvent& event) {
  pqxx::work tx(connection, "store_event");
  // The event_id may be deleted by the retention sweep between the insert and the read: then insert again.
  for (int attempt = 0;; ++attempt) {
    const pqxx::result inserted = tx.exec_params(
        "INSERT INTO transaction_events (event_id, payload) VALUES ($1, $2::jsonb) "
        "ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
        event.event_id, event.payload().dump());
    if (!inserted.empty()) {
      tx.commit();
      return Stored{true, {}};
    }
    const pqxx::result existing =
        tx.exec_params("SELECT payload::text FROM transaction_events WHERE event_id = $1", event.event_id);
    if (!existing.empty() || attempt > 0) {
      tx.commit();
      if (existing.empty()) return Stored{false, {}};
      return Stored{false, compare_with_stored(validator, event, existing[0][0].as<std::string>())};
    }
  }
}

std::string join(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words)
    joined += (joined.empty() ? "" : ", ") + word;
  return joined;
}

EventHandlingOutcome handle_now(pqxx::connection& connection, const EventOrchestrator& orchestrator,
                                const std::string& event_id) {
  try {
    return orchestrator.handle(connection, event_id);
  } catch (const std::exception& error) {
    log_warn("stored event not handled yet; the listener or the next sweep will retry it",
             {{"event_id", event_id}, {"error", first_line(error.what())}});
  }
  return EventHandlingOutcome{};
}

}  // namespace

EventInbox::EventInbox(WithConnection with_connection, EventValidator validator,
                       const EventOrchestrator& orchestrator, Settings settings)
    : with_connection_(std::move(with_connection)),
      validator_(std::move(validator)),
      orchestrator_(orchestrator),
      settings_(settings) {}

EventInbox::EventInbox(WithConnection with_connection, EventValidator validator,
                       const EventOrchestrator& orchestrator)
    : EventInbox(std::move(with_connection), std::move(validator), orchestrator, Settings{}) {}

EventSubmission EventInbox::submit(std::string_view body) const {
  const EventValidation validation = validator_.validate_body(body);
  if (const auto* invalid = std::get_if<InvalidEvent>(&validation)) {
    return EventSubmission{EventSubmission::Status::invalid, {}, invalid->field, invalid->message(), {}};
  }
  const ValidEvent& event = std::get<ValidEvent>(validation);

  EventSubmission submission{EventSubmission::Status::duplicate, event.event_id, {}, {}, {}};
  try {
    with_connection_([&](pqxx::connection& connection) {
      Stored stored = store(connection, validator_, event);
      if (!stored.inserted) {
        if (stored.differences.empty()) return;  // the same event again: a duplicate
        submission.status = EventSubmission::Status::conflict;
        submission.error = "event_id " + value_for_message(event.event_id) +
                           " was stored before with a different " + join(stored.differences) +
                           "; this event was not stored (a new trade needs a new event_id)";
        submission.differing_fields = std::move(stored.differences);
        log_warn("event refused: its event_id was stored with other contents",
                 {{"event_id", event.event_id}, {"fields", join(submission.differing_fields)}});
        return;
      }
      submission.status = EventSubmission::Status::accepted;
      if (!settings_.handle_after_storing) return;
      const EventHandlingOutcome outcome = handle_now(connection, orchestrator_, event.event_id);
      if (outcome.result == EventHandlingOutcome::Result::held) {
        submission.status = EventSubmission::Status::held;
        submission.error = outcome.error;
      }
    });
  } catch (const std::exception& error) {
    // Accepted means stored: an exception after the insert committed is caught in handle_now, so
    // whatever arrives here happened before the event was safely stored.
    if (submission.status == EventSubmission::Status::accepted ||
        submission.status == EventSubmission::Status::held) {
      return submission;
    }
    log_error("event not stored", {{"event_id", event.event_id}, {"error", first_line(error.what())}});
    throw EventStoreUnavailable("the event could not be stored: " + first_line(error.what()));
  }
  return submission;
}

}  // namespace pricefeed::host
