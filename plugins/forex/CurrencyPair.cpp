#include "forex/CurrencyPair.hpp"

#include <pricefeed/error.hpp>

namespace pricefeed::forex {

bool is_currency_code(std::string_view text) {
  if (text.size() != 3) return false;
  for (char c : text)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

CurrencyPair parse_currency_pair(std::string_view id) {
  // Quoted with its length cut, so a hostile id cannot flood a log line.
  const std::string shown = "'" + std::string(id.substr(0, 40)) + (id.size() > 40 ? "...'" : "'");
  if (id.size() != 6 || !is_currency_code(id.substr(0, 3)) || !is_currency_code(id.substr(3, 3))) {
    throw Error::not_found("forex: " + shown +
                           " is not a currency pair (six capital letters, base then quote, such as EURUSD)");
  }
  CurrencyPair pair{std::string(id.substr(0, 3)), std::string(id.substr(3, 3))};
  if (pair.base == pair.quote)
    throw Error::not_found("forex: " + shown + " quotes a currency against itself");
  return pair;
}

std::vector<std::string> euro_legs(const CurrencyPair& pair) {
  std::vector<std::string> legs;
  if (pair.base != kEuro) legs.push_back(pair.base);
  if (pair.quote != kEuro) legs.push_back(pair.quote);
  return legs;
}

}  // namespace pricefeed::forex
