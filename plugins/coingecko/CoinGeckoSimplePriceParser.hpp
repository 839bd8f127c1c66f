#pragma once

// Reads the body of /simple/price?ids=...&vs_currencies=<vs>&include_last_updated_at=true
// &include_24hr_vol=true: an object keyed by coin id, each holding "<vs>", "<vs>_24h_vol",
// "<vs>_market_cap", "<vs>_24h_change" (when asked for) and "last_updated_at" (unix seconds). Ids that
// CoinGecko does not know are simply missing from the object; a coin without a price in <vs> (null or
// no member) comes back with an absent price, for the caller to skip. A body of another shape is a
// CoinGeckoFormatError.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <pricefeed/records.hpp>

namespace pricefeed::coingecko {

struct CoinGeckoSimplePrice {
  double price = kAbsent;
  double volume_24h = kAbsent;
  double market_cap = kAbsent;
  double change_24h_percent = kAbsent;
  std::optional<std::int64_t> last_updated_at;  // unix seconds
};

// vs_currency in CoinGecko's lower-case spelling ("usd", "btc").
std::map<std::string, CoinGeckoSimplePrice> parse_simple_price(std::string_view body,
                                                               std::string_view vs_currency);

}  // namespace pricefeed::coingecko
