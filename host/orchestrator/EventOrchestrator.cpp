#include "host/orchestrator/EventOrchestrator.hpp"

#include <optional>
#include <vector>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/subtransaction>
#include <pqxx/transaction>

#include "host/db/ErrorFirstLine.hpp"
#include "host/log/Log.hpp"
#include "host/orchestrator/EventRules.hpp"
#include "host/redaction/TextRedaction.hpp"
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
    // Redacted like every stored error text (host/redaction/TextRedaction.hpp): it may quote the
    // payload or the database's message back.
    tx.exec_params("UPDATE transaction_events SET processed_at = now(), error = $2 WHERE event_id = $1",
                   event_id, redact_text(*error));
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
  if (outcome.clamped_from) {
    // The job starts later than the buy asked for: said here, next to the job's range.
    log_warn("history start clamped to [worker].earliest_history",
             {{"event_id", event_id},
              {"wanted_from", format_iso_date(*outcome.clamped_from)},
              {"queued_from", format_iso_date(outcome.queued->start)}});
    fields.emplace_back("clamped_from", format_iso_date(*outcome.clamped_from));
  }
  log_info("event handled", fields);
}

constexpr const char* kHeldSuffix = "; the sell is held and applied once a buy makes it up";

}  // namespace

EventOrchestratorSettings EventOrchestratorSettings::from(const WorkerConfig& worker) {
  return EventOrchestratorSettings{worker.lookback_days, worker.earliest_history, worker.max_attempts,
                                   worker.resolutions};
}

EventOrchestrator::EventOrchestrator(EventOrchestratorSettings settings, TodayFunction today)
    : settings_(std::make_shared<const EventOrchestratorSettings>(std::move(settings))),
      today_(today),
      validator_(std::move(today)) {}

EventOrchestratorSettings EventOrchestrator::settings() const {
  std::lock_guard lock(settings_mutex_);
  return *settings_;
}

void EventOrchestrator::change_settings(EventOrchestratorSettings settings) {
  auto next = std::make_shared<const EventOrchestratorSettings>(std::move(settings));
  std::lock_guard lock(settings_mutex_);
  settings_ = std::move(next);
}

EventHandlingOutcome EventOrchestrator::handle(pqxx::connection& connection,
                                               const std::string& event_id) const {
  pqxx::work tx(connection, "handle_event");
  const pqxx::result rows = tx.exec_params(
      "SELECT payload::text, error FROM transaction_events WHERE event_id = $1 AND processed_at IS NULL "
      "FOR UPDATE SKIP LOCKED",
      event_id);
  EventHandlingOutcome outcome;
  if (rows.empty()) return outcome;  // skipped; the empty transaction just ends
  const std::optional<std::string> previous_error =
      rows[0][1].is_null() ? std::nullopt : std::optional<std::string>(rows[0][1].as<std::string>());
  bool held = false;

  const EventValidation validation = validator_.validate_stored(event_id, rows[0][0].as<std::string>());
  std::optional<std::string> refusal;
  const ValidEvent* event = std::get_if<ValidEvent>(&validation);
  if (event == nullptr) {
    refusal = std::get<InvalidEvent>(validation).message();
  } else {
    try {
      pqxx::subtransaction rules(tx, "event_rules");
      refusal = apply_event_rules(rules, *event, settings(), today_(), outcome);
      if (refusal) {
        rules.abort();
        held = outcome.sell_held;
      } else {
        rules.commit();
      }
    } catch (const pqxx::sql_error& error) {
      // The subtransaction rolled back to its savepoint on the way out; the event row is still locked.
      if (!refuses_this_event(error)) throw;
      refusal = "the database refused the event: " + first_line(error.what());
    }
  }

  if (held) return hold(tx, event_id, *refusal + kHeldSuffix, previous_error);
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
  if (outcome.result == EventHandlingOutcome::Result::handled && event->type == EventType::buy) {
    apply_held_sells(connection, *event);
  }
  return outcome;
}

EventHandlingOutcome EventOrchestrator::hold(pqxx::work& tx, const std::string& event_id,
                                             const std::string& reason,
                                             const std::optional<std::string>& previous_error) const {
  // processed_at stays NULL, so the sell is still to do; error says why it waits. Written and logged
  // once: a sweep that finds it still held changes nothing.
  const bool news = previous_error != reason;
  if (news) {
    tx.exec_params("UPDATE transaction_events SET error = $2 WHERE event_id = $1", event_id, reason);
  }
  tx.commit();
  if (news) log_warn("sell held until the user holds enough", {{"event_id", event_id}, {"reason", reason}});
  EventHandlingOutcome outcome;
  outcome.result = EventHandlingOutcome::Result::held;
  outcome.error = reason;
  return outcome;
}

void EventOrchestrator::apply_held_sells(pqxx::connection& connection, const ValidEvent& buy) const {
  std::vector<std::string> held;
  {
    pqxx::nontransaction query(connection, "held_sells");
    const pqxx::result rows = query.exec_params(
        "SELECT event_id FROM transaction_events WHERE processed_at IS NULL AND error IS NOT NULL "
        "AND payload->>'type' = 'sell' AND payload->>'user_id' = $1 AND payload->>'asset_class' = $2 "
        "AND payload->>'symbol' = $3 ORDER BY received_at, event_id",
        buy.user_id, asset_class_name(buy.asset_class), buy.symbol);
    for (const pqxx::row& row : rows)
      held.push_back(row[0].as<std::string>());
  }
  // In the order they were received; each in its own transaction, as the sweep would. A failure here
  // leaves the sell held for the next sweep: the buy is committed already.
  for (const std::string& sell : held) {
    try {
      handle(connection, sell);
    } catch (const std::exception& error) {
      log_warn("held sell not applied yet; the next sweep retries it",
               {{"event_id", sell}, {"error", first_line(error.what())}});
      return;
    }
  }
}

}  // namespace pricefeed::host
