#include "coingecko/CoinGeckoCoinsListParser.hpp"

#include <nlohmann/json.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"

namespace pricefeed::coingecko {

std::vector<CoinGeckoListedCoin> parse_coins_list(std::string_view body) {
  using nlohmann::json;
  json document;
  try {
    document = json::parse(body);
  } catch (const json::parse_error& e) {
    throw CoinGeckoFormatError(std::string("not JSON (") + e.what() + ")");
  }
  if (!document.is_array()) {
    throw CoinGeckoFormatError(std::string("expected an array of coins, got ") + document.type_name());
  }
  std::vector<CoinGeckoListedCoin> out;
  out.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    const json& coin = document[i];
    const std::string where = "[" + std::to_string(i) + "]";
    if (!coin.is_object())
      throw CoinGeckoFormatError(where + ": expected an object, got " + coin.type_name());
    auto text = [&](const char* key, bool required) -> std::string {
      const auto it = coin.find(key);
      if (it != coin.end() && it->is_string()) return it->get<std::string>();
      if (!required && (it == coin.end() || it->is_null())) return {};
      throw CoinGeckoFormatError(where + "." + key + ": expected a string");
    };
    out.push_back({text("id", true), text("symbol", true), text("name", false)});
  }
  return out;
}

}  // namespace pricefeed::coingecko
