#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"

#include <cmath>

#include "coingecko/CoinGeckoJsonFields.hpp"

namespace pricefeed::coingecko {

std::vector<CoinGeckoMarketCoin> parse_coins_markets(std::string_view body) {
  const nlohmann::json listing = parse_coin_array(body);
  std::vector<CoinGeckoMarketCoin> out;
  out.reserve(listing.size());
  for (std::size_t i = 0; i < listing.size(); ++i) {
    const nlohmann::json& coin = coin_at(listing, i);
    const std::string path = coin_path(i);
    CoinGeckoMarketCoin out_coin;
    out_coin.id = string_member(coin, path, "id", /*required=*/true);
    out_coin.symbol = string_member(coin, path, "symbol", /*required=*/true);
    out_coin.name = string_member(coin, path, "name", /*required=*/true);
    const double rank = number_member(coin, path, "market_cap_rank");
    if (std::isfinite(rank) && rank >= 1 && rank < 2147483647.0 && rank == std::floor(rank)) {
      out_coin.rank = static_cast<std::int32_t>(rank);
    }
    out_coin.current_price = number_member(coin, path, "current_price");
    out_coin.market_cap = number_member(coin, path, "market_cap");
    out_coin.total_volume = number_member(coin, path, "total_volume");
    out.push_back(std::move(out_coin));
  }
  return out;
}

}  // namespace pricefeed::coingecko
