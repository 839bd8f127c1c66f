// Binance's request-weight limit, as the sandbox enforces it: every call costs its documented weight,
// counted in fixed one-minute windows of the wall clock (not the sandbox's market clock, which tests
// freeze); a call that would pass the limit is refused (429, code -1003, Retry-After until the next
// minute) and costs nothing. Every answer reports the window's total in X-MBX-USED-WEIGHT-1M.
// Tests lower the limit, or reset the count, through POST /__sandbox/binance/weight.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

namespace pricefeed::sandbox {

class BinanceWeightMeter {
 public:
  using WallClock = std::function<std::chrono::system_clock::time_point()>;
  static constexpr std::uint32_t kDefaultLimit = 6000;  // Binance's REQUEST_WEIGHT per minute since 2023

  explicit BinanceWeightMeter(std::uint32_t limit = kDefaultLimit,
                              WallClock clock = &std::chrono::system_clock::now);

  struct Charge {
    bool admitted = false;
    std::uint32_t used = 0;       // the window's total after this call (unchanged when refused)
    int retry_after_seconds = 0;  // when refused: until the next window, at least 1
  };
  Charge charge(std::uint32_t weight);

  std::uint32_t used() const;
  std::uint32_t limit() const;
  void set_limit(std::uint32_t limit);
  void set_used(std::uint32_t used);  // in the current window

 private:
  std::int64_t window_now() const;  // the current window (minutes since the epoch); mutex_ held

  WallClock clock_;
  mutable std::mutex mutex_;
  std::uint32_t limit_;
  mutable std::int64_t window_ = 0;
  mutable std::uint32_t used_ = 0;
};

}  // namespace pricefeed::sandbox
