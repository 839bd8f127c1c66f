#include "host/plugins/SourceCallStreak.hpp"

namespace pricefeed::host {

void SourceCallStreak::record(pricefeed_status status, const std::string& message,
                              std::chrono::system_clock::time_point at) {
  std::lock_guard lock(mutex_);
  switch (status) {
    case PRICEFEED_OK:
      record_.consecutive_failures = 0;
      record_.last_success_at = at;
      break;
    case PRICEFEED_TRANSIENT:
    case PRICEFEED_PERMANENT:
      ++record_.consecutive_failures;
      record_.last_failure_at = at;
      record_.last_failure = message;
      break;
    default:
      break;
  }
}

SourceCallRecord SourceCallStreak::snapshot() const {
  std::lock_guard lock(mutex_);
  return record_;
}

}  // namespace pricefeed::host
