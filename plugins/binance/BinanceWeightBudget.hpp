#pragma once

// The request weight this source may still spend in the current minute. Binance counts weight per IP
// in fixed one-minute windows and reports the window's total in every answer's X-MBX-USED-WEIGHT-1M
// header; whoever else shares the address (another pricefeed process, another program) counts too.
// So the plugin remembers the last total it saw, adds what it has sent since, and refuses a call that
// would go over the limit with rate_limited until the next minute, instead of provoking a 429 (and,
// after repeated 429s, an IP ban with 418).
//
// Thread-safe: one instance serves concurrent calls.

#include <cstdint>
#include <mutex>

namespace pricefeed::binance {

class BinanceWeightBudget {
 public:
  // Reserves `weight` in the minute of `now_ms`, or throws Error::rate_limited with the time left
  // until the next minute (plus a second for the difference between our clock and Binance's).
  void spend(std::uint32_t weight, std::int64_t now_ms, std::uint32_t limit);

  // An answer said `used` weight was spent in the minute of `now_ms`. Never lowers what is known for
  // that minute: calls sent since may not be in the answer's count yet.
  void observe(std::uint32_t used, std::int64_t now_ms);

  // The weight known to be spent in the minute of `now_ms`.
  std::uint32_t used(std::int64_t now_ms) const;

 private:
  static std::int64_t minute_of(std::int64_t now_ms);

  mutable std::mutex mutex_;
  std::int64_t minute_ = -1;
  std::uint32_t used_ = 0;
};

}  // namespace pricefeed::binance
