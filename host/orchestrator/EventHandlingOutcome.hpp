#pragma once

// What handling one stored event did, for the caller's log line and for tests.

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
    skipped,   // nothing to do here: no such row, already processed, or another process holds it right now
  };

  Result result = Result::skipped;
  std::string error;  // for rejected: "quantity: selling 5 but user u-1 holds 3 of stock AAPL"
  std::optional<std::int64_t> asset_id;  // for handled
  bool became_holder = false;            // a buy by a user who held none: tracking_users += 1
  bool emptied_holding = false;          // a sell down to 0: tracking_users -= 1
  std::optional<HistoryRange> queued;    // the range queued (one job per resolution), if any
};

}  // namespace pricefeed::host
