#include "host/orchestrator/HistoryRange.hpp"

#include <algorithm>

namespace pricefeed::host {

std::optional<HistoryRange> missing_history(std::optional<std::chrono::sys_days> history_from,
                                            std::chrono::sys_days trade_date, int lookback_days,
                                            std::chrono::sys_days today, std::chrono::sys_days earliest) {
  const std::chrono::sys_days wanted_from = std::max(trade_date - std::chrono::days{lookback_days}, earliest);
  if (!history_from) {
    // A trade dated tomorrow (the sender's day is ahead of UTC) still gets its own day queued.
    return HistoryRange{wanted_from, std::max({today, trade_date, wanted_from})};
  }
  if (*history_from > wanted_from) return HistoryRange{wanted_from, *history_from - std::chrono::days{1}};
  return std::nullopt;
}

}  // namespace pricefeed::host
