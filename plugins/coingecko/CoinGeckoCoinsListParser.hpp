#pragma once

// Reads the body of /coins/list (with or without include_platform): an array of
// {"id","symbol","name"[,"platforms"]}, about 17,000 coins. id and symbol must be strings (the shape
// is wrong otherwise: CoinGeckoFormatError); a null name is kept as empty; platforms are ignored.

#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::coingecko {

struct CoinGeckoListedCoin {
  std::string id;      // "bitcoin"
  std::string symbol;  // as CoinGecko spells it, lower case: "btc"
  std::string name;    // "Bitcoin"
};

std::vector<CoinGeckoListedCoin> parse_coins_list(std::string_view body);

}  // namespace pricefeed::coingecko
