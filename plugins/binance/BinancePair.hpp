#pragma once

// Which Binance pair a pricefeed symbol means. Binance trades pairs (BTCUSDT: BTC priced in USDT);
// pricefeed's crypto symbol is the coin (BTC), so the coin is paired with the configured quote asset.
// A symbol that names its quote (BTC/EUR, BTC-EUR) is paired with that one, and a source id the catalog
// recorded (BTCUSDT) is used as it is. Every pair is checked against Binance's alphabet (A-Z, 0-9)
// before it reaches a URL; anything else is Error::not_found, so the host tries the next source.

#include <string>
#include <string_view>

namespace pricefeed::binance {

// A Binance asset code: 1 to 12 characters of A-Z 0-9 (BTC, USDT, 1000SATS, T).
bool is_binance_asset(std::string_view code);
// A Binance pair code: 2 to 20 characters of A-Z 0-9 (BTCUSDT, 1000SATSUSDT), Binance's own limit.
bool is_binance_pair(std::string_view code);

// The pair to ask Binance for. source_id, when not empty, is the pair itself (checked, not changed);
// otherwise the symbol, upper-cased, is a coin (BTC -> BTC + quote_asset) or coin/QUOTE or coin-QUOTE.
std::string binance_pair(std::string_view symbol, std::string_view source_id, std::string_view quote_asset);

// "'BTC' (Binance BTCUSDT)" or "'BTCUSDT'": how messages name what was asked.
std::string describe_pair(std::string_view symbol, std::string_view pair);

}  // namespace pricefeed::binance
