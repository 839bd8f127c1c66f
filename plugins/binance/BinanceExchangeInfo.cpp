#include "binance/BinanceExchangeInfo.hpp"

#include <algorithm>

namespace pricefeed::binance {

const BinancePairInfo* BinanceExchangeInfo::find(std::string_view pair) const {
  const auto it =
      std::lower_bound(pairs.begin(), pairs.end(), pair,
                       [](const BinancePairInfo& info, std::string_view key) { return info.pair < key; });
  return it != pairs.end() && it->pair == pair ? &*it : nullptr;
}

}  // namespace pricefeed::binance
