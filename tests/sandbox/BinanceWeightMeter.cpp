#include "tests/sandbox/BinanceWeightMeter.hpp"

#include <algorithm>
#include <stdexcept>

namespace pricefeed::sandbox {

BinanceWeightMeter::BinanceWeightMeter(std::uint32_t limit, WallClock clock)
    : clock_(std::move(clock)), limit_(limit) {
  if (limit_ == 0) throw std::invalid_argument("the Binance weight limit must be at least 1");
}

std::int64_t BinanceWeightMeter::window_now() const {
  const auto now = std::chrono::floor<std::chrono::minutes>(clock_()).time_since_epoch().count();
  if (now != window_) {
    window_ = now;
    used_ = 0;
  }
  return now;
}

BinanceWeightMeter::Charge BinanceWeightMeter::charge(std::uint32_t weight) {
  std::lock_guard lock(mutex_);
  window_now();
  Charge out;
  if (static_cast<std::uint64_t>(used_) + weight > limit_) {
    const auto now = clock_();
    const auto next = std::chrono::ceil<std::chrono::minutes>(now + std::chrono::milliseconds(1));
    out.retry_after_seconds =
        std::max<int>(1, static_cast<int>(std::chrono::ceil<std::chrono::seconds>(next - now).count()));
    out.used = used_;
    return out;
  }
  used_ += weight;
  out.admitted = true;
  out.used = used_;
  return out;
}

std::uint32_t BinanceWeightMeter::used() const {
  std::lock_guard lock(mutex_);
  window_now();
  return used_;
}

std::uint32_t BinanceWeightMeter::limit() const {
  std::lock_guard lock(mutex_);
  return limit_;
}

void BinanceWeightMeter::set_limit(std::uint32_t limit) {
  if (limit == 0) throw std::invalid_argument("the Binance weight limit must be at least 1");
  std::lock_guard lock(mutex_);
  limit_ = limit;
}

void BinanceWeightMeter::set_used(std::uint32_t used) {
  std::lock_guard lock(mutex_);
  window_now();
  used_ = used;
}

}  // namespace pricefeed::sandbox
