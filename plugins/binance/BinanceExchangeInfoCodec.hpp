#pragma once

// The compact text form of BinanceExchangeInfo kept in the host's cache. Binance's own answer is
// megabytes of JSON (filters and order rules for thousands of pairs); this keeps one short line per
// pair, so that every quote call can read it back cheaply:
//
//   pricefeed-binance-exchange-info 1
//   request_weight_per_minute 6000          ("-" when Binance states none)
//   BTCUSDT BTC USDT TRADING
//   ...

#include <optional>
#include <string>
#include <string_view>

#include "binance/BinanceExchangeInfo.hpp"

namespace pricefeed::binance {

std::string encode_exchange_info(const BinanceExchangeInfo& info);
// nullopt for text this version did not write (another version, a damaged entry): ask Binance again.
std::optional<BinanceExchangeInfo> decode_exchange_info(std::string_view text);

}  // namespace pricefeed::binance
