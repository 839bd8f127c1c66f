#pragma once

// The orchestrator's rules for one valid event: asset, holding, tracking_users and missing history
// (EventOrchestrator.hpp lists them). Split from the transaction handling so that each reads alone.

#include <chrono>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "host/events/ValidEvent.hpp"
#include "host/orchestrator/EventHandlingOutcome.hpp"

namespace pricefeed::host {

struct EventOrchestratorSettings;

// Applies `event` within `tx` and records what it did in `outcome`. Returns why the event is refused
// (then the caller must roll back what was written), or nothing when it was applied.
std::optional<std::string> apply_event_rules(pqxx::transaction_base& tx, const ValidEvent& event,
                                             const EventOrchestratorSettings& settings,
                                             std::chrono::sys_days today, EventHandlingOutcome& outcome);

}  // namespace pricefeed::host
