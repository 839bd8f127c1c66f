#pragma once

// Which history a buy needs that is neither stored nor queued yet (docs/architecture.md "The event's rules"):
// a buy on date D needs prices from D - lookback_days on.
//
//   asset not tracked, or tracked with no history_from   [D - lookback, max(today, D)]
//   tracked, history_from later than D - lookback        [D - lookback, history_from - 1 day]
//   tracked, history_from on or before D - lookback      nothing

#include <chrono>
#include <optional>

namespace pricefeed::host {

struct HistoryRange {
  std::chrono::sys_days start;  // inclusive
  std::chrono::sys_days end;    // inclusive

  bool operator==(const HistoryRange&) const = default;
};

// `history_from` is tracked_assets.history_from, nullopt when the asset is not tracked or the row
// does not know (treated alike: nothing is known to be covered). D - lookback is clamped to
// `earliest` ([worker].earliest_history): no range starts before it.
std::optional<HistoryRange> missing_history(std::optional<std::chrono::sys_days> history_from,
                                            std::chrono::sys_days trade_date, int lookback_days,
                                            std::chrono::sys_days today, std::chrono::sys_days earliest);

}  // namespace pricefeed::host
