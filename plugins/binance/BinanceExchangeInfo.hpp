#pragma once

// What the plugin keeps of GET /api/v3/exchangeInfo: every pair with its assets and trading status,
// and the REQUEST_WEIGHT limit per minute that the X-MBX-USED-WEIGHT-1M header counts against.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::binance {

struct BinancePairInfo {
  std::string pair;    // BTCUSDT
  std::string base;    // BTC
  std::string quote;   // USDT
  std::string status;  // TRADING, BREAK, HALT, ...

  bool trading() const { return status == "TRADING"; }
};

struct BinanceExchangeInfo {
  // rateLimits' REQUEST_WEIGHT entry for one MINUTE; absent when Binance states none.
  std::optional<std::uint32_t> request_weight_per_minute;
  std::vector<BinancePairInfo> pairs;  // sorted by pair

  // nullptr when Binance does not list the pair.
  const BinancePairInfo* find(std::string_view pair) const;
};

}  // namespace pricefeed::binance
