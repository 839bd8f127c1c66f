#include "coingecko/CoinGeckoSimplePriceParser.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"

namespace pricefeed::coingecko {

namespace {

using nlohmann::json;

// A number member, NaN when absent or null; another type is a format error.
double number_or_absent(const json& coin, const std::string& id, const std::string& key) {
  const auto it = coin.find(key);
  if (it == coin.end() || it->is_null()) return kAbsent;
  if (!it->is_number()) {
    throw CoinGeckoFormatError(id + "." + key + ": expected a number, got " + it->dump().substr(0, 40));
  }
  return it->get<double>();
}

}  // namespace

std::map<std::string, CoinGeckoSimplePrice> parse_simple_price(std::string_view body,
                                                               std::string_view vs_currency) {
  json document;
  try {
    document = json::parse(body);
  } catch (const json::parse_error& e) {
    throw CoinGeckoFormatError(std::string("not JSON (") + e.what() + ")");
  }
  if (!document.is_object()) {
    throw CoinGeckoFormatError(std::string("expected an object keyed by coin id, got ") +
                               document.type_name());
  }
  const std::string vs(vs_currency);
  std::map<std::string, CoinGeckoSimplePrice> out;
  for (const auto& [id, coin] : document.items()) {
    if (!coin.is_object()) {
      throw CoinGeckoFormatError(id + ": expected an object of prices, got " + coin.type_name());
    }
    CoinGeckoSimplePrice price;
    price.price = number_or_absent(coin, id, vs);
    price.volume_24h = number_or_absent(coin, id, vs + "_24h_vol");
    price.market_cap = number_or_absent(coin, id, vs + "_market_cap");
    price.change_24h_percent = number_or_absent(coin, id, vs + "_24h_change");
    const double updated = number_or_absent(coin, id, "last_updated_at");
    if (std::isfinite(updated) && updated > 0 && updated < 253402300800.0) {
      price.last_updated_at = static_cast<std::int64_t>(updated);
    }
    out.emplace(id, price);
  }
  return out;
}

}  // namespace pricefeed::coingecko
