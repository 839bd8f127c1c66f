#pragma once

// The catalog Binance gives pricefeed: every pair quoted in the configured quote asset that is
// TRADING, as the crypto asset of its base (pricefeed symbol BTC, source id BTCUSDT, currency USDT,
// exchange BINANCE). Pairs in other quote assets (ETHBTC) and pairs not trading (BREAK, HALT) are
// left out: the first would list a coin twice, the second a coin Binance no longer prices.
// exchangeInfo has no long names, so an asset's name is its base asset code; nor market caps (rank 0).

#include <string_view>
#include <vector>

#include <pricefeed/records.hpp>

#include "binance/BinanceExchangeInfo.hpp"

namespace pricefeed::binance {

std::vector<Asset> binance_catalog(const BinanceExchangeInfo& info, std::string_view quote_asset);

}  // namespace pricefeed::binance
