#include "host/ratelimit/Cooldown.hpp"

#include "host/ratelimit/RetryAfter.hpp"

namespace pricefeed::host {

bool is_rate_limit_status(int status) {
  return status == 429 || status == 418;
}

std::optional<std::chrono::seconds> cooldown_after_response(int status,
                                                            std::optional<std::string_view> retry_after,
                                                            std::chrono::system_clock::time_point now) {
  if (!is_rate_limit_status(status)) return std::nullopt;
  if (retry_after) {
    if (auto parsed = parse_retry_after(*retry_after, now)) return *parsed;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(kDefaultRetryAfter);
}

}  // namespace pricefeed::host
