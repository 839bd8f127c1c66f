// The checks every bar passes before it is written (docs/queue-and-writing.md, "The write path"). A bar that
// fails is logged with its reason, counted and skipped by the writer, never stored.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "host/validation/BarRejection.hpp"
#include "pricefeed/records.hpp"

namespace pricefeed::host {

// A daily bar is stamped 00:00 UTC of its trading date, and at any instant some exchange is
// already trading on a date that UTC has not reached (Tokyo opens at 00:00 UTC, Auckland and the
// Pacific exchanges earlier): a daily bar is "in the future" only when its date has not begun
// anywhere, i.e. it is later than today in UTC+14, the earliest time zone on Earth.
inline constexpr std::chrono::hours kEarliestUtcOffset{14};

// Intraday bars carry their real open instant; an upstream's clock a little ahead of ours must not
// cost us the bar that is being formed right now.
inline constexpr std::chrono::seconds kIntradayClockSkewAllowance{60};

// What a job asked its source for: [start, end), unix seconds (HistoryRequest's range).
struct RequestedRange {
  std::int64_t start = 0;
  std::int64_t end = 0;  // exclusive
};

// How many bars of `resolution` the range can hold: one per day, hour or minute it spans, rounded
// up (bars of one resolution are at least that far apart, wherever the session opens). 0 for an
// empty range.
std::int64_t bars_range_can_hold(Resolution resolution, RequestedRange range);

class BarValidator {
 public:
  // Unix seconds, UTC. Injectable so tests can fix "now".
  using Clock = std::function<std::int64_t()>;

  static std::int64_t system_now();

  // A daily `resolution` gets the trading-date rule above and must be stamped 00:00 UTC. With
  // `requested`, a bar outside it is refused.
  explicit BarValidator(Resolution resolution, Clock now = &BarValidator::system_now,
                        std::optional<RequestedRange> requested = std::nullopt);

  // nullopt: the bar may be written. Otherwise the first rule it breaks, in this order:
  // timestamp (before 1900, in the future, outside the requested range, a daily bar not at
  // 00:00 UTC, an intraday bar off the whole minute), close present, every present value finite, each present
  // price > 0, volume >= 0 when present, low <= open, low <= close, open <= high, close <= high
  // (each comparison only when both values are present). NaN means "absent" throughout.
  std::optional<BarRejection> check(const Bar& bar) const;

  // The latest ts a bar may carry at unix time `now`.
  std::int64_t latest_allowed_ts(std::int64_t now) const;

 private:
  bool daily_;
  Clock now_;
  std::optional<RequestedRange> requested_;
};

}  // namespace pricefeed::host
