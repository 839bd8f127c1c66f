#pragma once

// Reads the body of GET /api/v3/klines. Strict: the body must be one JSON array of kline arrays, each
// with at least the seven documented leading fields of the right types (the trailing five are not
// needed and not checked), open times increasing. Anything else throws BinanceFormatError naming the
// JSON path; a truncated body is never valid JSON, so it can never be taken for fewer bars.

#include <string_view>
#include <vector>

#include "binance/BinanceKline.hpp"

namespace pricefeed::binance {

std::vector<BinanceKline> parse_binance_klines(std::string_view body);

}  // namespace pricefeed::binance
