#pragma once

// Which symbols each asset class accepts. A symbol travels into upstream URLs (Yahoo's
// /v8/finance/chart/{symbol}), so the patterns are narrow on purpose: whatever could change a URL's
// meaning ('/', '?', '&', '#', '%', "..", spaces, control characters) is refused for every class
// before the class's own rule is even asked, and every character allowed is URL-safe.
//
//   stock, bond  AAPL, BRK.B, BRK-B, OCDO.L, 0700.HK, ^TNX, ^GSPC: letters and digits in segments
//                joined by single '.' or '-', optionally after a leading '^' (indices and yields,
//                which is how treasury yields are quoted); at most 20 characters
//   crypto       BTC, ETH, 1INCH: the coin's ticker alone, letters and digits, at most 20 characters;
//                no pair (BTC-USD, BTCUSDT): the quote currency is the source's business
//   forex        EURUSD: base and quote currency, six letters, the two different
//   commodity    GOLD, OIL_WTI, NATURAL_GAS: a canonical name (a letter, then letters, digits and
//                single '_'), at most 32 characters; or a futures symbol GC=F, CL=F (1..6 letters or
//                digits then "=F")
//
// Symbols are upper case in every class: "aapl" is refused with a suggestion rather than folded, so
// that assets stay unique by (asset_class, symbol) with one spelling.

#include <optional>
#include <string>
#include <string_view>

#include "host/assets/AssetClass.hpp"

namespace pricefeed::host {

// Why `symbol` is not a symbol of `asset_class` ("BTC/USD contains '/', ..."), or nothing when it is.
std::optional<std::string> symbol_problem(AssetClass asset_class, std::string_view symbol);

}  // namespace pricefeed::host
