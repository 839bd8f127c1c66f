#pragma once

// CoinGecko's coin ids ("bitcoin", "usd-coin", "avalanche-2") travel into URL paths and into the
// comma-separated ids= of /simple/price, and pricefeed's crypto tickers are matched against
// /coins/list symbols. Both are checked before use.

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::coingecko {

// True for 1..128 characters of a-z, 0-9, '-', '_' and '.': every id CoinGecko lists, and nothing that
// could split an ids= list or a path.
bool is_coin_id(std::string_view id);

// The id itself when is_coin_id; otherwise Error::not_found naming it ("coingecko: 'Bit Coin' is not
// a CoinGecko coin id"), so the host tries the next source.
std::string checked_coin_id(std::string_view id);

// A crypto ticker as pricefeed spells it (BTC, 1INCH: 1..20 ASCII letters and digits), lower-cased as
// CoinGecko spells symbols; nullopt for anything else.
std::optional<std::string> coingecko_symbol(std::string_view ticker);

// The other way: pricefeed's ticker for a CoinGecko symbol ("btc" -> "BTC"), or nullopt when the
// symbol is not 1..20 ASCII letters and digits (CoinGecko lists "usd+", "ø" and the like).
std::optional<std::string> pricefeed_ticker(std::string_view coingecko_symbol);

}  // namespace pricefeed::coingecko
