#include "coingecko/CoinGeckoSimplePriceParser.hpp"

#include <cmath>

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoJsonFields.hpp"

namespace pricefeed::coingecko {

std::map<std::string, CoinGeckoSimplePrice> parse_simple_price(std::string_view body,
                                                               std::string_view vs_currency) {
  const nlohmann::json document = parse_coingecko_json(body);
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
    price.price = number_member(coin, id, vs);
    price.volume_24h = number_member(coin, id, vs + "_24h_vol");
    price.market_cap = number_member(coin, id, vs + "_market_cap");
    price.change_24h_percent = number_member(coin, id, vs + "_24h_change");
    const double updated = number_member(coin, id, "last_updated_at");
    if (std::isfinite(updated) && updated > 0 && updated < 253402300800.0) {
      price.last_updated_at = static_cast<std::int64_t>(updated);
    }
    out.emplace(id, price);
  }
  return out;
}

}  // namespace pricefeed::coingecko
