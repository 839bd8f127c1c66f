#include "host/log/ThrottledWarning.hpp"

#include <utility>

namespace pricefeed::host {

ThrottledWarning::ThrottledWarning(std::string message, Clock::duration interval)
    : message_(std::move(message)), interval_(interval) {}

void ThrottledWarning::warn(LogFields fields, Clock::time_point now) {
  std::int64_t held_back = 0;
  {
    std::lock_guard lock(mutex_);
    if (last_logged_ && now - *last_logged_ < interval_) {
      ++suppressed_;
      return;
    }
    last_logged_ = now;
    held_back = std::exchange(suppressed_, 0);
  }
  fields.emplace_back("suppressed", held_back);
  log_warn(message_, fields);
}

}  // namespace pricefeed::host
