#pragma once

// What handling one stored event did, for the caller's log line and for tests.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host/orchestrator/HistoryRange.hpp"

namespace pricefeed::host {

struct EventHandlingOutcome {
  enum class Result {
    handled,   // the rules were applied; processed_at set
    rejected,  // invalid payload or a rule refused it (a sell larger than the holding); processed_at and
               // error set
    held,      // a sell larger than the holding (or of nothing held, as when it arrives before its buy):
               // processed_at stays NULL and error says why; applied when a buy of that user and asset
               // is handled, or by a later sweep once it fits
    skipped,   // nothing to do here: no such row, already processed, or another process holds it right now
  };

  Result result = Result::skipped;
  std::string error;  // for rejected: "symbol: ..."; for held: "quantity: selling 5 but user u-1 holds 3 ..."
  std::optional<std::int64_t> asset_id;  // for handled
  bool became_holder = false;            // a buy by a user who held none: tracking_users += 1
  bool emptied_holding = false;          // a sell down to 0: tracking_users -= 1
  std::optional<HistoryRange> queued;    // the range queued (one job per resolution), if any
  bool sell_held = false;                // set by the rules: the refusal they return is a hold
  // When the history the buy wanted started before [worker].earliest_history: that wanted start
  // (queued starts at earliest_history instead).
  std::optional<std::chrono::sys_days> clamped_from;
};

}  // namespace pricefeed::host
