#include "host/orchestrator/HistoryRange.hpp"

#include <algorithm>

namespace pricefeed::host {

std::optional<HistoryRange> missing_history(std::optional<date::sys_days> history_from,
                                            date::sys_days trade_date, int lookback_days,
                                            date::sys_days today) {
  const date::sys_days wanted_from = trade_date - date::days{lookback_days};
  if (!history_from) {
    // A trade dated tomorrow (the sender's day is ahead of UTC) still gets its own day queued.
    return HistoryRange{wanted_from, std::max({today, trade_date, wanted_from})};
  }
  if (*history_from > wanted_from) return HistoryRange{wanted_from, *history_from - date::days{1}};
  return std::nullopt;
}

}  // namespace pricefeed::host
