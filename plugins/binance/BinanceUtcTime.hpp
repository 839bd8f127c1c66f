#pragma once

// How messages print instants: "2020-04-10" for a day, "2020-04-10 04:00 UTC" for an intraday time.

#include <cstdint>
#include <string>

namespace pricefeed::binance {

std::string utc_date(std::int64_t unix_seconds);
std::string utc_minute(std::int64_t unix_seconds);

}  // namespace pricefeed::binance
