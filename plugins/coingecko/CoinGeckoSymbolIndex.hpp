#pragma once

// /coins/list boiled down to what symbol resolution needs, in a compact text form that fits the
// host's key/value cache: the ~17,000 coins' ids grouped by symbol, one line each, sorted by symbol:
//
//   coingecko-symbols 1\n
//   btc\tbitcoin,batcat,...\n
//   eth\tethereum,...\n
//
// A lookup scans for "\n<symbol>\t" without parsing the rest, so a cached index costs one copy out of
// the cache and one search per resolution. Ids keep /coins/list's order within a symbol. Coins whose
// id is not a usable coin id, or whose symbol holds a tab, newline or nothing, are left out.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coingecko/CoinGeckoCoinsListParser.hpp"

namespace pricefeed::coingecko {

class CoinGeckoSymbolIndex {
 public:
  // The compact text of a parsed /coins/list.
  static std::string build(const std::vector<CoinGeckoListedCoin>& coins);

  // True when `text` is an index this version wrote (a cache entry of another version is rebuilt).
  static bool recognises(std::string_view text);

  // The ids listed under `symbol` (CoinGecko's lower-case spelling); empty when none.
  static std::vector<std::string> ids_for(std::string_view text, std::string_view symbol);

  // How many coins the index holds (for messages).
  static std::size_t coin_count(std::string_view text);
};

}  // namespace pricefeed::coingecko
