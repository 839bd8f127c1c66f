// A regular session of a trading day in the exchange's local time, as offsets from the local midnight
// that starts the trading day. `open` is negative for a session that opens the evening before
// (CME Globex opens Monday's trading day at 17:00 on Sunday: open = -7h); `close` lies in (0, 24h].
#pragma once

#include <chrono>

namespace pricefeed::host {

struct SessionHours {
  std::chrono::minutes open{0};
  std::chrono::minutes close{0};

  bool operator==(const SessionHours&) const = default;
};

}  // namespace pricefeed::host
