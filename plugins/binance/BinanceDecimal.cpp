#include "binance/BinanceDecimal.hpp"

#include <charconv>
#include <system_error>

namespace pricefeed::binance {

std::optional<double> parse_binance_decimal(std::string_view text) {
  std::size_t digits = 0;
  std::size_t points = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.') {
      ++points;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || points > 1 || text.front() == '.' || text.back() == '.') return std::nullopt;
  // from_chars follows no locale, unlike strtod, so a decimal comma locale cannot change the value.
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace pricefeed::binance
