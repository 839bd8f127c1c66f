#pragma once

// Reads the body of /coins/{id}/market_chart(/range) into a CoinGeckoMarketChart. Strict about the
// shape (an object whose "prices" is an array of [number, number|null] pairs; "market_caps" and
// "total_volumes" the same when present) and lenient about values (null is absent, exponent notation
// such as 1.6446899669484214e-05 is a number). Anything else is a CoinGeckoFormatError naming the
// JSON path.

#include <string_view>

#include "coingecko/CoinGeckoMarketChart.hpp"

namespace pricefeed::coingecko {

CoinGeckoMarketChart parse_market_chart(std::string_view body);

}  // namespace pricefeed::coingecko
