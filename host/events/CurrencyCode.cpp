#include "host/events/CurrencyCode.hpp"

#include <algorithm>

#include "host/events/ValueForMessage.hpp"

namespace pricefeed::host {

std::optional<std::string> currency_problem(std::string_view code) {
  if (code == "GBp" || code == "ZAc") return std::nullopt;
  const bool iso_shaped =
      code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (iso_shaped) return std::nullopt;
  return value_for_message(code) +
         " is not a currency code (three upper-case letters such as USD, or GBp, GBX, ZAc, ILA for prices in "
         "minor units)";
}

}  // namespace pricefeed::host
