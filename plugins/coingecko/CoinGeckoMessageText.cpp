#include "coingecko/CoinGeckoMessageText.hpp"

namespace pricefeed::coingecko {

std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < max_chars; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    out += (c < 0x20 || c >= 0x7F) ? '?' : text[i];
  }
  if (text.size() > max_chars) out += "...";
  return out;
}

std::string listed(const std::vector<std::string>& items, std::size_t max_shown) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max_shown; ++i) {
    if (i > 0) out += ", ";
    out += printable(items[i]);
  }
  if (items.size() > max_shown) out += " and " + std::to_string(items.size() - max_shown) + " more";
  return out;
}

}  // namespace pricefeed::coingecko
