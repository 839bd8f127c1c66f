#pragma once

// Which upstream answers put a source into cooldown, and for how long.

#include <chrono>
#include <optional>
#include <string_view>

namespace pricefeed::host {

// 429 Too Many Requests, and 418, which Binance answers once an IP has ignored its 429s.
bool is_rate_limit_status(int status);

// For a rate-limit status: how long to cool down, from its Retry-After header when present and
// readable, else kDefaultRetryAfter. For any other status: nullopt.
std::optional<std::chrono::seconds> cooldown_after_response(int status,
                                                            std::optional<std::string_view> retry_after,
                                                            std::chrono::system_clock::time_point now);

}  // namespace pricefeed::host
