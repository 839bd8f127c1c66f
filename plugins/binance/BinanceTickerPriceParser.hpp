#pragma once

// Reads the body of GET /api/v3/ticker/price: {"symbol":"BTCUSDT","price":"60740.00000000"} when one
// symbol was asked (symbol=), an array of such objects for several (symbols=[...]). Strict like the
// klines parser: BinanceFormatError names the JSON path of what is wrong.

#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::binance {

struct BinanceTickerPrice {
  std::string pair;  // BTCUSDT
  double price = 0;  // in the pair's quote asset
};

std::vector<BinanceTickerPrice> parse_binance_ticker_prices(std::string_view body);

}  // namespace pricefeed::binance
