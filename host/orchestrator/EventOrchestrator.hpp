#pragma once

// Applies one stored transaction event to the database (docs/events.md "The orchestrator's rules"), in ONE
// transaction together with marking the event processed, so that it is handled exactly once:
//
//   1. lock the event's row: SELECT ... WHERE processed_at IS NULL FOR UPDATE SKIP LOCKED. A row
//      already handled, or held by another process handling it right now, is skipped: two
//      processes never both apply one event, and neither waits for the other;
//   2. validate the stored payload (a row written straight into the table was never validated);
//   3. find or create the asset (a sell never creates one) and lock it, which serializes events of
//      one asset across processes;
//   4. update the user's holding in asset_holders: a buy adds its quantity and keeps the earliest
//      first_buy_date; a sell subtracts. A sell larger than the holding (a sell that arrived before
//      its buy) is held: processed_at stays NULL, error says why, and it is applied right after a buy
//      of that user and asset is handled, or by a later sweep once it fits. A holding sold to 0 keeps
//      its row with quantity 0 (docs/database.md);
//   5. tracking_users += 1 when the user goes from no holding to one, -= 1 when a sell empties it;
//   6. for a buy, queue the history it needs and no one has queued yet (HistoryRange.hpp), one job
//      per configured resolution, and move tracked_assets.history_from back to cover it;
//   7. set processed_at, and error when the event was refused.
//
// A refused event (invalid payload, a rule) is marked processed with its error and never retried: the
// same event would be refused again. The rules run under a savepoint, so a refusal leaves none of
// their writes behind. A failure that may pass (the connection broke, a deadlock, the server shutting
// down) throws instead and rolls everything back: the row stays unprocessed and the sweep retries it.
//
// Thread-safe (it keeps no state between calls but its settings, which a reload may change); each call
// needs a connection of its own.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "host/config/Config.hpp"
#include "host/events/EventValidator.hpp"
#include "host/orchestrator/EventHandlingOutcome.hpp"
#include "host/time/Today.hpp"

namespace pricefeed::host {

struct EventOrchestratorSettings {
  int lookback_days = 365;                                  // [worker].lookback_days
  std::chrono::sys_days earliest_history{};                 // [worker].earliest_history (1970-01-01)
  int max_attempts = 5;                                     // [worker].max_attempts, given to each queued job
  std::vector<Resolution> resolutions = {Resolution::day};  // [worker].resolutions: one job per resolution

  static EventOrchestratorSettings from(const WorkerConfig& worker);
};

class EventOrchestrator {
 public:
  explicit EventOrchestrator(EventOrchestratorSettings settings, TodayFunction today = utc_today);

  // Handles the event `event_id` if it is stored, unprocessed and not held by another process.
  // Throws (pqxx::broken_connection, pqxx::sql_error ...) when the transaction could not complete;
  // nothing is then changed.
  EventHandlingOutcome handle(pqxx::connection& connection, const std::string& event_id) const;

  EventOrchestratorSettings settings() const;
  // A reload changed [worker]: events handled from now on use `settings`; one being handled keeps
  // those it started with.
  void change_settings(EventOrchestratorSettings settings);

 private:
  EventHandlingOutcome hold(pqxx::work& tx, const std::string& event_id, const std::string& reason,
                            const std::optional<std::string>& previous_error) const;
  // After a buy: the held sells of its user and asset, oldest first.
  void apply_held_sells(pqxx::connection& connection, const ValidEvent& buy) const;

  mutable std::mutex settings_mutex_;
  std::shared_ptr<const EventOrchestratorSettings> settings_;
  TodayFunction today_;
  EventValidator validator_;
};

}  // namespace pricefeed::host
