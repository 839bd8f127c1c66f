#include "coingecko/CoinGeckoCoinsListParser.hpp"

#include "coingecko/CoinGeckoJsonFields.hpp"

namespace pricefeed::coingecko {

std::vector<CoinGeckoListedCoin> parse_coins_list(std::string_view body) {
  const nlohmann::json listing = parse_coin_array(body);
  std::vector<CoinGeckoListedCoin> out;
  out.reserve(listing.size());
  for (std::size_t i = 0; i < listing.size(); ++i) {
    const nlohmann::json& coin = coin_at(listing, i);
    const std::string path = coin_path(i);
    out.push_back({string_member(coin, path, "id", /*required=*/true),
                   string_member(coin, path, "symbol", /*required=*/true),
                   string_member(coin, path, "name", /*required=*/false)});
  }
  return out;
}

}  // namespace pricefeed::coingecko
