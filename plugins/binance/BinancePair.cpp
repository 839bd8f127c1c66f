#include "binance/BinancePair.hpp"

#include <pricefeed/error.hpp>

namespace pricefeed::binance {

namespace {

bool upper_alphanumeric(std::string_view code, std::size_t min_size, std::size_t max_size) {
  if (code.size() < min_size || code.size() > max_size) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

bool is_binance_asset(std::string_view code) {
  return upper_alphanumeric(code, 1, 12);
}

bool is_binance_pair(std::string_view code) {
  return upper_alphanumeric(code, 2, 20);
}

std::string binance_pair(std::string_view symbol, std::string_view source_id, std::string_view quote_asset) {
  if (!source_id.empty()) {
    if (!is_binance_pair(source_id)) {
      throw Error::not_found("binance: the source id '" + std::string(source_id) + "' of '" +
                             std::string(symbol) + "' is not a Binance pair (2 to 20 characters A-Z 0-9)");
    }
    return std::string(source_id);
  }
  const std::string coin = upper(symbol);
  std::string base = coin;
  std::string quote(quote_asset);
  if (const auto separator = coin.find_first_of("/-"); separator != std::string::npos) {
    base = coin.substr(0, separator);
    quote = coin.substr(separator + 1);
  }
  if (!is_binance_asset(base) || !is_binance_asset(quote)) {
    throw Error::not_found(
        "binance: '" + std::string(symbol) +
        "' is not a coin Binance could list (expected 1 to 12 characters A-Z 0-9, optionally "
        "/QUOTE)");
  }
  const std::string pair = base + quote;
  if (!is_binance_pair(pair)) {
    throw Error::not_found("binance: '" + std::string(symbol) + "' makes the pair '" + pair +
                           "', longer than Binance's 20 characters");
  }
  return pair;
}

std::string describe_pair(std::string_view symbol, std::string_view pair) {
  if (symbol.empty() || symbol == pair) return "'" + std::string(pair) + "'";
  return "'" + std::string(symbol) + "' (Binance " + std::string(pair) + ")";
}

}  // namespace pricefeed::binance
