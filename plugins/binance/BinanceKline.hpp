#pragma once

// One kline (candlestick) of GET /api/v3/klines: Binance's array
//   [openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades,
//    "takerBuyBaseVolume", "takerBuyQuoteVolume", "0"]
// keeps only what a bar needs. Times are Unix milliseconds; a kline is closed once closeTime (the last
// millisecond of its interval) has passed. Volume is in the base asset (BTC of BTCUSDT).

#include <cstdint>

namespace pricefeed::binance {

struct BinanceKline {
  std::int64_t open_time_ms = 0;
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
  std::int64_t close_time_ms = 0;
};

}  // namespace pricefeed::binance
