#include "coingecko/CoinGeckoCoinId.hpp"

#include <pricefeed/error.hpp>

#include "coingecko/CoinGeckoMessageText.hpp"

namespace pricefeed::coingecko {

bool is_coin_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return id != "." && id != "..";
}

std::string checked_coin_id(std::string_view id) {
  if (!is_coin_id(id)) {
    throw Error::not_found("coingecko: '" + printable(id) +
                           "' is not a CoinGecko coin id (lower-case letters, digits, '-', '_', '.')");
  }
  return std::string(id);
}

std::optional<std::string> coingecko_symbol(std::string_view ticker) {
  if (ticker.empty() || ticker.size() > 20) return std::nullopt;
  std::string out;
  out.reserve(ticker.size());
  for (const char c : ticker) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::string> pricefeed_ticker(std::string_view coingecko_symbol) {
  std::optional<std::string> out = pricefeed::coingecko::coingecko_symbol(coingecko_symbol);
  if (!out) return std::nullopt;
  for (char& c : *out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace pricefeed::coingecko
