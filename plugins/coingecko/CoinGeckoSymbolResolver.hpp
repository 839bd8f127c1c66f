#pragma once

// pricefeed's crypto ticker (BTC) -> CoinGecko's coin id (bitcoin), for resolve_symbol and for history
// and quote requests that come without a source id.
//
// /coins/list (~17,000 coins, over a megabyte) is fetched at most once a day per source: its
// CoinGeckoSymbolIndex goes into the host's cache with a one-day time-to-live, and each resolution
// into a small entry of its own, so a known ticker costs no request and no scan.
//
// Many coins share a ticker (BTC is Bitcoin and dozens of wrapped, bridged or copycat tokens) and
// /coins/list has no ranks, so the rule is: the coin with the highest market cap. When a ticker has
// several candidates, /coins/markets is asked about them (ids=..., order=market_cap_desc; the first
// 250 candidates in /coins/list's order) and the best-ranked one wins, then the largest market cap;
// a ticker none of whose coins has a market cap is not resolved (not_found, naming the candidates),
// since picking one of them would be a guess. An unknown ticker is not_found naming it.

#include <string>
#include <string_view>

#include <pricefeed/host.hpp>

#include "coingecko/CoinGeckoClient.hpp"

namespace pricefeed::coingecko {

class CoinGeckoSymbolResolver {
 public:
  explicit CoinGeckoSymbolResolver(const CoinGeckoClient& client) : client_(client) {}

  std::string resolve(const Host& host, std::string_view ticker) const;

 private:
  std::string symbol_index(const Host& host) const;
  std::string choose_by_market_cap(const Host& host, std::string_view ticker,
                                   const std::vector<std::string>& candidates) const;

  const CoinGeckoClient& client_;
};

}  // namespace pricefeed::coingecko
