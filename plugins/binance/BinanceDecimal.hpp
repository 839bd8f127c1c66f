#pragma once

// Binance sends prices and quantities as decimal strings ("60685.22000000") so that no precision is
// lost in JSON numbers. They are read here, strictly: digits, at most one point, nothing else.

#include <optional>
#include <string_view>

namespace pricefeed::binance {

// The value of a non-negative decimal string ("0.01000000", "60685.22", "5"); nullopt for anything else
// (an empty string, a sign, an exponent, "NaN", spaces).
std::optional<double> parse_binance_decimal(std::string_view text);

}  // namespace pricefeed::binance
