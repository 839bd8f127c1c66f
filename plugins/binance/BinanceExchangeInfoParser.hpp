#pragma once

// Reads the body of GET /api/v3/exchangeInfo: rateLimits (for the REQUEST_WEIGHT per minute) and
// symbols (pair, status, baseAsset, quoteAsset). The many other fields (filters, order types,
// permissions) are not read. BinanceFormatError names the JSON path of what is wrong.

#include <string_view>

#include "binance/BinanceExchangeInfo.hpp"

namespace pricefeed::binance {

BinanceExchangeInfo parse_binance_exchange_info(std::string_view body);

}  // namespace pricefeed::binance
