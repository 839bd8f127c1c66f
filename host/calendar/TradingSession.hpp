// One stretch of trading on the real time line: the market is open from `open` (inclusive) to
// `close` (exclusive).
#pragma once

#include <chrono>

namespace pricefeed::host {

struct TradingSession {
  std::chrono::sys_seconds open;
  std::chrono::sys_seconds close;

  bool contains(std::chrono::sys_seconds instant) const { return open <= instant && instant < close; }

  bool operator==(const TradingSession&) const = default;
};

}  // namespace pricefeed::host
