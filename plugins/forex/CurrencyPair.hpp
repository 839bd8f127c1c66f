#pragma once

// pricefeed's forex symbol: six capital letters, base then quote currency. EURUSD is the price of
// one euro in US dollars. A source id, when the catalog has one, is written the same way.

#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::forex {

inline constexpr std::string_view kEuro = "EUR";

// Three ASCII capitals: the shape of an ISO 4217 code. Nothing else ever reaches a URL.
bool is_currency_code(std::string_view text);

struct CurrencyPair {
  std::string base;   // one unit of this ...
  std::string quote;  // ... costs `rate` of this

  std::string symbol() const { return base + quote; }
  std::string slashed() const { return base + "/" + quote; }  // "EUR/USD", for messages
  bool operator==(const CurrencyPair&) const = default;
};

// Throws Error::not_found naming the id when it is not a pair: the host then tries the next source.
CurrencyPair parse_currency_pair(std::string_view id);

// The ECB publishes each currency X as "X per 1 EUR". The currencies of `pair` whose euro rates
// make its rate: one for a pair with the euro on either side, two for a cross (GBPUSD).
std::vector<std::string> euro_legs(const CurrencyPair& pair);

}  // namespace pricefeed::forex
