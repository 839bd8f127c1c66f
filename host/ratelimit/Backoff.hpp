#pragma once

// The wait before a failed or rate-limited job is tried again when the source named no time:
// retry_base * 2^(attempts-1) minutes, i.e. 5, 10, 20, 40 ... for the default base of 5.

#include <chrono>
#include <cstdint>

namespace pricefeed::host {

// The doubling stops here, so the delay (and now + delay) can never overflow whatever the inputs.
inline constexpr std::chrono::minutes kLongestBackoff{std::chrono::days{365}};

// `attempts` counts the attempts made so far, the failed one included; values below 1 count as 1.
// A negative base counts as 0.
std::chrono::minutes backoff_delay(std::int64_t retry_base_minutes, std::int64_t attempts);

}  // namespace pricefeed::host
