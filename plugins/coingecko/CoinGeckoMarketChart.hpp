#pragma once

// What /coins/{id}/market_chart and /coins/{id}/market_chart/range answer: three series of
// [unix milliseconds, value] pairs. Granularity is CoinGecko's choice: 5-minutely within a day of now,
// hourly up to 90 days, daily (points at 00:00 UTC) beyond, and every series ends with a point at the
// moment of the request ("now"), which is not at midnight.

#include <cstdint>
#include <vector>

#include <pricefeed/records.hpp>

namespace pricefeed::coingecko {

struct CoinGeckoPoint {
  std::int64_t ms = 0;     // unix milliseconds, UTC
  double value = kAbsent;  // NaN when CoinGecko sent null
};

struct CoinGeckoMarketChart {
  std::vector<CoinGeckoPoint> prices;         // in vs_currency
  std::vector<CoinGeckoPoint> market_caps;    // may be empty
  std::vector<CoinGeckoPoint> total_volumes;  // 24-hour volume up to the point's instant; may be empty
};

}  // namespace pricefeed::coingecko
