#include "host/orchestrator/EventRules.hpp"

#include <cstdint>

#include "host/assets/AssetRegistry.hpp"
#include "host/assets/AssetTracking.hpp"
#include "host/events/ValueForMessage.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "host/orchestrator/HistoryRange.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

std::string describe_asset(const ValidEvent& event) {
  return asset_class_name(event.asset_class) + (" " + event.symbol);
}

struct Holding {
  bool exists = false;
  bool positive = false;         // quantity > 0: the user holds the asset
  bool less_than_event = false;  // quantity < the event's quantity
  std::string quantity;
};

Holding read_holding(pqxx::transaction_base& tx, const ValidEvent& event, std::int64_t asset_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT quantity::text, quantity > 0, quantity < $3::numeric FROM asset_holders "
      "WHERE user_id = $1 AND asset_id = $2 FOR UPDATE",
      event.user_id, asset_id, event.quantity);
  if (rows.empty()) return {};
  return Holding{true, rows[0][1].as<bool>(), rows[0][2].as<bool>(), rows[0][0].as<std::string>()};
}

void add_to_holding(pqxx::transaction_base& tx, const ValidEvent& event, std::int64_t asset_id) {
  tx.exec_params(
      "INSERT INTO asset_holders (user_id, asset_id, quantity, first_buy_date) VALUES ($1, $2, $3::numeric, "
      "$4::date) "
      "ON CONFLICT (user_id, asset_id) DO UPDATE SET quantity = asset_holders.quantity + EXCLUDED.quantity, "
      "first_buy_date = LEAST(asset_holders.first_buy_date, EXCLUDED.first_buy_date), updated_at = now()",
      event.user_id, asset_id, event.quantity, event.date_text());
  tx.exec_params(
      "INSERT INTO holding_costs (user_id, asset_id, currency, amount) VALUES ($1, $2, $3, $4::numeric * "
      "$5::numeric) ON CONFLICT (user_id, asset_id, currency) DO UPDATE SET amount = holding_costs.amount + "
      "EXCLUDED.amount",
      event.user_id, asset_id, event.currency, event.quantity, event.price);
}

// True when the sell left nothing.
bool subtract_from_holding(pqxx::transaction_base& tx, const ValidEvent& event, std::int64_t asset_id) {
  // Average cost: what is left keeps its share of the cost, in every purchase currency.
  tx.exec_params(
      "UPDATE holding_costs c SET amount = c.amount * (h.quantity - $3::numeric) / h.quantity "
      "FROM asset_holders h WHERE h.user_id = c.user_id AND h.asset_id = c.asset_id "
      "AND c.user_id = $1 AND c.asset_id = $2 AND h.quantity > 0",
      event.user_id, asset_id, event.quantity);
  const pqxx::row row = tx.exec_params1(
      "UPDATE asset_holders SET quantity = quantity - $3::numeric, updated_at = now() "
      "WHERE user_id = $1 AND asset_id = $2 RETURNING quantity = 0",
      event.user_id, asset_id, event.quantity);
  return row[0].as<bool>();
}

struct Tracking {
  bool tracked = false;
  std::optional<std::chrono::sys_days> history_from;
};

Tracking lock_tracking(pqxx::transaction_base& tx, std::int64_t asset_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT history_from::text FROM tracked_assets WHERE asset_id = $1 FOR UPDATE", asset_id);
  if (rows.empty()) return {};
  Tracking tracking{true, std::nullopt};
  // The database wrote this date itself (::text of a date column), so it is always well formed.
  if (!rows[0][0].is_null()) tracking.history_from = parse_iso_date(rows[0][0].as<std::string>());
  return tracking;
}

void queue_history(pqxx::transaction_base& tx, std::int64_t asset_id, const HistoryRange& range,
                   const EventOrchestratorSettings& settings) {
  for (const Resolution resolution : settings.resolutions) {
    BackfillQueue::enqueue(tx, asset_id, range.start, range.end, resolution, settings.max_attempts);
  }
}

void apply_buy(pqxx::transaction_base& tx, const ValidEvent& event, const EventOrchestratorSettings& settings,
               std::chrono::sys_days today, EventHandlingOutcome& outcome) {
  // Locked, so that every event of one asset is applied one after the other whichever process
  // handles it. The event's currency is the trade's, not necessarily the asset's quote currency (a
  // London investor buying AAPL pays GBP), so assets.currency is left to the catalog and the sources.
  const std::int64_t asset_id = AssetRegistry::lock_or_create(tx, event.asset_class, event.symbol);
  outcome.asset_id = asset_id;
  const Holding before = read_holding(tx, event, asset_id);
  add_to_holding(tx, event, asset_id);
  outcome.became_holder = !before.positive;

  const Tracking tracking = lock_tracking(tx, asset_id);
  const auto missing = missing_history(tracking.history_from, event.date, settings.lookback_days, today,
                                       settings.earliest_history);
  const std::chrono::sys_days wanted_from = event.date - std::chrono::days{settings.lookback_days};
  if (missing && missing->start > wanted_from) outcome.clamped_from = wanted_from;
  const std::chrono::sys_days history_from = missing ? missing->start : *tracking.history_from;
  if (!tracking.tracked) {
    AssetTracking::start(tx, asset_id, history_from);
  } else if (outcome.became_holder || missing) {
    AssetTracking::update(tx, asset_id, outcome.became_holder ? 1 : 0, history_from);
  }
  if (missing) {
    queue_history(tx, asset_id, *missing, settings);
    outcome.queued = missing;
  }
}

std::optional<std::string> apply_sell(pqxx::transaction_base& tx, const ValidEvent& event,
                                      EventHandlingOutcome& outcome) {
  const std::optional<std::int64_t> asset_id = AssetRegistry::lock(tx, event.asset_class, event.symbol);
  const Holding before = asset_id ? read_holding(tx, event, *asset_id) : Holding{};
  // Not refused: a sender that delivers out of order must not lose the sell. It is held (processed_at
  // stays NULL) and applied when a buy of this user and asset is handled (EventOrchestrator).
  outcome.sell_held = !before.positive || before.less_than_event;
  if (!before.positive) {
    return "quantity: selling " + event.quantity + " but user " + value_for_message(event.user_id) +
           " holds no " + describe_asset(event);
  }
  if (before.less_than_event) {
    return "quantity: selling " + event.quantity + " but user " + value_for_message(event.user_id) +
           " holds " + before.quantity + " of " + describe_asset(event);
  }
  outcome.asset_id = asset_id;
  outcome.emptied_holding = subtract_from_holding(tx, event, *asset_id);
  if (outcome.emptied_holding) AssetTracking::remove_user(tx, *asset_id);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> apply_event_rules(pqxx::transaction_base& tx, const ValidEvent& event,
                                             const EventOrchestratorSettings& settings,
                                             std::chrono::sys_days today, EventHandlingOutcome& outcome) {
  if (event.type == EventType::sell) return apply_sell(tx, event, outcome);
  apply_buy(tx, event, settings, today, outcome);
  return std::nullopt;
}

}  // namespace pricefeed::host
