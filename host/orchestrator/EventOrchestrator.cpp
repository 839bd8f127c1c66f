#include "host/orchestrator/EventOrchestrator.hpp"

#include <optional>

#include <pqxx/except>
#include <pqxx/subtransaction>
#include <pqxx/transaction>

#include "host/db/ErrorFirstLine.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventRules.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

// SQLSTATE classes that say "this statement can never succeed with these values": 22 data exception
// (a numeric out of range), 23 integrity constraint violation (a CHECK). Retrying such an event would
// fail forever, so it is refused with the database's message. Every other error (connection, deadlock,
// serialization, shutdown, resources) may pass and is left to the sweep.
bool refuses_this_event(const pqxx::sql_error& error) {
  const std::string& state = error.sqlstate();
  return state.starts_with("22") || state.starts_with("23");
}

void mark_processed(pqxx::transaction_base& tx, const std::string& event_id,
                    const std::optional<std::string>& error) {
  if (error) {
    tx.exec_params("UPDATE transaction_events SET processed_at = now(), error = $2 WHERE event_id = $1",
                   event_id, *error);
  } else {
    tx.exec_params("UPDATE transaction_events SET processed_at = now(), error = NULL WHERE event_id = $1",
                   event_id);
  }
}

void log_outcome(const std::string& event_id, const EventHandlingOutcome& outcome, const ValidEvent* event) {
  if (outcome.result == EventHandlingOutcome::Result::rejected) {
    log_warn("event refused", {{"event_id", event_id}, {"error", outcome.error}});
    return;
  }
  LogFields fields = {{"event_id", event_id},
                      {"type", to_string(event->type)},
                      {"asset_class", asset_class_name(event->asset_class)},
                      {"symbol", event->symbol},
                      {"asset_id", *outcome.asset_id}};
  if (outcome.became_holder) fields.emplace_back("tracking_users", "+1");
  if (outcome.emptied_holding) fields.emplace_back("tracking_users", "-1");
  if (outcome.queued) {
    fields.emplace_back("backfill_from", format_iso_date(outcome.queued->start));
    fields.emplace_back("backfill_to", format_iso_date(outcome.queued->end));
  }
  log_info("event handled", fields);
}

}  // namespace

EventOrchestratorSettings EventOrchestratorSettings::from(const WorkerConfig& worker) {
  return EventOrchestratorSettings{worker.lookback_days, worker.max_attempts, worker.resolutions};
}

EventOrchestrator::EventOrchestrator(EventOrchestratorSettings settings, TodayFunction today)
    : settings_(std::move(settings)), today_(today), validator_(std::move(today)) {}

EventHandlingOutcome EventOrchestrator::handle(pqxx::connection& connection,
                                               const std::string& event_id) const {
  pqxx::work tx(connection, "handle_event");
  const pqxx::result rows = tx.exec_params(
      "SELECT payload::text FROM transaction_events WHERE event_id = $1 AND processed_at IS NULL "
      "FOR UPDATE SKIP LOCKED",
      event_id);
  EventHandlingOutcome outcome;
  if (rows.empty()) return outcome;  // skipped; the empty transaction just ends

  const EventValidation validation = validator_.validate_stored(event_id, rows[0][0].as<std::string>());
  std::optional<std::string> refusal;
  const ValidEvent* event = std::get_if<ValidEvent>(&validation);
  if (event == nullptr) {
    refusal = std::get<InvalidEvent>(validation).message();
  } else {
    try {
      pqxx::subtransaction rules(tx, "event_rules");
      refusal = apply_event_rules(rules, *event, settings_, today_(), outcome);
      if (refusal) {
        rules.abort();
      } else {
        rules.commit();
      }
    } catch (const pqxx::sql_error& error) {
      // The subtransaction rolled back to its savepoint on the way out; the event row is still locked.
      if (!refuses_this_event(error)) throw;
      refusal = "the database refused the event: " + first_line(error.what());
    }
  }

  mark_processed(tx, event_id, refusal);
  tx.commit();

  if (refusal) {
    outcome = EventHandlingOutcome{};
    outcome.result = EventHandlingOutcome::Result::rejected;
    outcome.error = *refusal;
  } else {
    outcome.result = EventHandlingOutcome::Result::handled;
  }
  log_outcome(event_id, outcome, event);
  return outcome;
}

}  // namespace pricefeed::host
