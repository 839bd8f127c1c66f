#include "binance/BinanceWeightBudget.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include <pricefeed/error.hpp>

namespace pricefeed::binance {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
// Our clock and Binance's are not the same clock: waiting a second past the boundary keeps the first
// call of the next minute from landing in the old one.
constexpr std::int64_t kClockAllowanceMs = 1'000;

}  // namespace

std::int64_t BinanceWeightBudget::minute_of(std::int64_t now_ms) {
  return now_ms >= 0 ? now_ms / kMinuteMs : (now_ms - kMinuteMs + 1) / kMinuteMs;
}

void BinanceWeightBudget::spend(std::uint32_t weight, std::int64_t now_ms, std::uint32_t limit) {
  std::lock_guard lock(mutex_);
  const std::int64_t minute = minute_of(now_ms);
  if (minute > minute_) {
    minute_ = minute;
    used_ = 0;
  }
  if (static_cast<std::uint64_t>(used_) + weight > limit) {
    const std::int64_t retry_after = (minute + 1) * kMinuteMs - now_ms + kClockAllowanceMs;
    throw Error::rate_limited(
        "binance: " + std::to_string(used_) + " of the " + std::to_string(limit) +
            " request weight Binance allows per minute is spent (X-MBX-USED-WEIGHT-1M); a call "
            "of weight " +
            std::to_string(weight) + " waits for the next minute rather than provoke a 429",
        std::chrono::milliseconds(retry_after));
  }
  used_ += weight;
}

void BinanceWeightBudget::observe(std::uint32_t used, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  const std::int64_t minute = minute_of(now_ms);
  if (minute > minute_) {
    minute_ = minute;
    used_ = used;
  } else if (minute == minute_) {
    used_ = std::max(used_, used);
  }
}

std::uint32_t BinanceWeightBudget::used(std::int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  return minute_of(now_ms) == minute_ ? used_ : 0;
}

}  // namespace pricefeed::binance
