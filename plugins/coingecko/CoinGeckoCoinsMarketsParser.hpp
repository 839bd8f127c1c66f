#pragma once

// Reads the body of /coins/markets?vs_currency=usd&order=market_cap_desc&per_page=..&page=..: an
// array of coins by market cap, each with "id", "symbol", "name", "market_cap_rank" (null for coins
// without a market cap), "current_price", "market_cap", "total_volume" and much more that pricefeed
// does not use. id, symbol and name must be strings; the numbers may be null (absent).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pricefeed/records.hpp>

namespace pricefeed::coingecko {

struct CoinGeckoMarketCoin {
  std::string id;
  std::string symbol;  // lower case, as CoinGecko spells it
  std::string name;
  std::int32_t rank = 0;  // market_cap_rank; 0 when CoinGecko ranks it not
  double current_price = kAbsent;
  double market_cap = kAbsent;
  double total_volume = kAbsent;
};

std::vector<CoinGeckoMarketCoin> parse_coins_markets(std::string_view body);

}  // namespace pricefeed::coingecko
