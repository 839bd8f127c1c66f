#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"

namespace pricefeed::coingecko {

std::vector<CoinGeckoMarketCoin> parse_coins_markets(std::string_view body) {
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
  std::vector<CoinGeckoMarketCoin> out;
  out.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    const json& coin = document[i];
    const std::string where = "[" + std::to_string(i) + "]";
    if (!coin.is_object())
      throw CoinGeckoFormatError(where + ": expected an object, got " + coin.type_name());
    auto text = [&](const char* key) {
      const auto it = coin.find(key);
      if (it == coin.end() || !it->is_string())
        throw CoinGeckoFormatError(where + "." + key + ": expected a string");
      return it->get<std::string>();
    };
    auto number = [&](const char* key) {
      const auto it = coin.find(key);
      if (it == coin.end() || it->is_null()) return kAbsent;
      if (!it->is_number()) throw CoinGeckoFormatError(where + "." + key + ": expected a number");
      return it->get<double>();
    };
    CoinGeckoMarketCoin out_coin;
    out_coin.id = text("id");
    out_coin.symbol = text("symbol");
    out_coin.name = text("name");
    const double rank = number("market_cap_rank");
    if (std::isfinite(rank) && rank >= 1 && rank < 2147483647.0 && rank == std::floor(rank)) {
      out_coin.rank = static_cast<std::int32_t>(rank);
    }
    out_coin.current_price = number("current_price");
    out_coin.market_cap = number("market_cap");
    out_coin.total_volume = number("total_volume");
    out.push_back(std::move(out_coin));
  }
  return out;
}

}  // namespace pricefeed::coingecko
