#include "host/inbox/EventInbox.hpp"

#include <exception>

#include <pqxx/except>
#include <pqxx/transaction>

#include "host/db/ErrorFirstLine.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"

namespace pricefeed::host {
namespace {

// True when the insert stored the event, false when event_id was there already.
bool store(pqxx::connection& connection, const ValidEvent& event) {
  pqxx::work tx(connection, "store_event");
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO transaction_events (event_id, payload) VALUES ($1, $2::jsonb) "
      "ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
      event.event_id, event.payload().dump());
  tx.commit();
  return !inserted.empty();
}

void handle_now(pqxx::connection& connection, const EventOrchestrator& orchestrator,
                const std::string& event_id) {
  try {
    orchestrator.handle(connection, event_id);
  } catch (const std::exception& error) {
    log_warn("stored event not handled yet; the listener or the next sweep will retry it",
             {{"event_id", event_id}, {"error", first_line(error.what())}});
  }
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
    return EventSubmission{EventSubmission::Status::invalid, {}, invalid->field, invalid->message()};
  }
  const ValidEvent& event = std::get<ValidEvent>(validation);

  EventSubmission submission{EventSubmission::Status::duplicate, event.event_id, {}, {}};
  try {
    with_connection_([&](pqxx::connection& connection) {
      if (!store(connection, event)) return;
      submission.status = EventSubmission::Status::accepted;
      if (settings_.handle_after_storing) handle_now(connection, orchestrator_, event.event_id);
    });
  } catch (const std::exception& error) {
    // Accepted means stored: an exception after the insert committed is caught in handle_now, so
    // whatever arrives here happened before the event was safely stored.
    if (submission.status == EventSubmission::Status::accepted) return submission;
    log_error("event not stored", {{"event_id", event.event_id}, {"error", first_line(error.what())}});
    throw EventStoreUnavailable("the event could not be stored: " + first_line(error.what()));
  }
  return submission;
}

}  // namespace pricefeed::host
