#pragma once

// Reading an upstream's Retry-After header (RFC 9110 section 10.2.3).

#include <chrono>
#include <optional>
#include <string_view>

namespace pricefeed::host {

// How long a source cools down after a 429/418 that carries no usable Retry-After.
inline constexpr std::chrono::minutes kDefaultRetryAfter{5};

// Delta-seconds larger than this are clamped to it, so that adding the result to a time point can
// never overflow. It is far beyond any real answer, so it changes no sane one.
inline constexpr std::chrono::seconds kLongestRetryAfter{std::chrono::days{366}};

// The wait a Retry-After value asks for, measured from `now`:
// - delta-seconds ("120"): that many seconds;
// - an HTTP-date: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") or the obsolete RFC 850
//   ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994") forms, which
//   recipients must accept: the time left until then, or zero when the date has already passed.
// Surrounding whitespace is ignored. Anything else (empty, negative, fractional, garbage, an
// impossible date) gives nullopt, and the caller falls back to kDefaultRetryAfter.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

}  // namespace pricefeed::host
