#include "coingecko/CoinGeckoSymbolResolver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include <pricefeed/error.hpp>

#include "coingecko/CoinGeckoCoinId.hpp"
#include "coingecko/CoinGeckoCoinsListParser.hpp"
#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"
#include "coingecko/CoinGeckoMessageText.hpp"
#include "coingecko/CoinGeckoSymbolIndex.hpp"

namespace pricefeed::coingecko {

namespace {

// CoinGecko adds coins daily; a day-old list misses only the newest, which no one holds yet.
constexpr std::chrono::hours kCacheTtl{24};
constexpr const char* kIndexKey = "coingecko:symbol-index";
constexpr std::size_t kMaxCandidates = 250;  // /coins/markets' per_page

std::string resolution_key(const std::string& symbol) {
  return "coingecko:id-of:" + symbol;
}

}  // namespace

std::string CoinGeckoSymbolResolver::resolve(const Host& host, std::string_view ticker) const {
  const std::optional<std::string> symbol = coingecko_symbol(ticker);
  if (!symbol) {
    throw Error::not_found("coingecko: '" + printable(ticker, 32) +
                           "' is not a crypto ticker (1 to 20 letters and digits, such as BTC)");
  }
  if (auto cached = host.cache_get(resolution_key(*symbol)); cached && is_coin_id(*cached)) return *cached;

  const std::string index = symbol_index(host);
  const std::vector<std::string> candidates = CoinGeckoSymbolIndex::ids_for(index, *symbol);
  if (candidates.empty()) {
    throw Error::not_found("coingecko: no coin has the ticker '" + printable(ticker, 32) +
                           "' (/coins/list of " + std::to_string(CoinGeckoSymbolIndex::coin_count(index)) +
                           " coins)");
  }
  const std::string id =
      candidates.size() == 1 ? candidates.front() : choose_by_market_cap(host, ticker, candidates);
  host.cache_put(resolution_key(*symbol), id, kCacheTtl);
  return id;
}

std::string CoinGeckoSymbolResolver::symbol_index(const Host& host) const {
  if (auto cached = host.cache_get(kIndexKey); cached && CoinGeckoSymbolIndex::recognises(*cached)) {
    return *cached;
  }
  const std::string url = client_.url("/coins/list").query("include_platform", "false").str();
  std::string index = client_.get_parsed(host, url, "the list of coins", [](const std::string& body) {
    return CoinGeckoSymbolIndex::build(parse_coins_list(body));
  });
  host.cache_put(kIndexKey, index, kCacheTtl);
  host.log(LogLevel::info, "coingecko: fetched the list of coins for ticker resolution",
           {{"coins", std::to_string(CoinGeckoSymbolIndex::coin_count(index))},
            {"cached_bytes", std::to_string(index.size())}});
  return index;
}

std::string CoinGeckoSymbolResolver::choose_by_market_cap(const Host& host, std::string_view ticker,
                                                          const std::vector<std::string>& candidates) const {
  std::string ids;
  const std::size_t asked = std::min(candidates.size(), kMaxCandidates);
  for (std::size_t i = 0; i < asked; ++i)
    ids += (i ? "," : "") + candidates[i];
  const std::string url = client_.url("/coins/markets")
                              .query("vs_currency", "usd")
                              .query("ids", ids)
                              .query("order", "market_cap_desc")
                              .query("per_page", static_cast<std::int64_t>(kMaxCandidates))
                              .query("page", 1)
                              .str();
  const std::vector<CoinGeckoMarketCoin> coins = client_.get_parsed(
      host, url, "the market caps of the coins with the ticker '" + printable(ticker, 32) + "'",
      [](const std::string& body) { return parse_coins_markets(body); });

  const CoinGeckoMarketCoin* best = nullptr;
  auto better = [](const CoinGeckoMarketCoin& a, const CoinGeckoMarketCoin& b) {
    if ((a.rank > 0) != (b.rank > 0)) return a.rank > 0;
    if (a.rank > 0) return a.rank < b.rank;
    return a.market_cap > b.market_cap;
  };
  for (const CoinGeckoMarketCoin& coin : coins) {
    const bool candidate = std::find(candidates.begin(), candidates.end(), coin.id) != candidates.end();
    const bool has_market_cap = coin.rank > 0 || (std::isfinite(coin.market_cap) && coin.market_cap > 0);
    if (!candidate || !has_market_cap) continue;
    if (best == nullptr || better(coin, *best)) best = &coin;
  }
  if (best == nullptr) {
    throw Error::not_found("coingecko: the ticker '" + printable(ticker, 32) + "' is shared by " +
                           std::to_string(candidates.size()) + " coins (" + listed(candidates, 8) +
                           ") and none has a market cap to choose by; give the asset its CoinGecko id as "
                           "source id");
  }
  host.log(LogLevel::info, "coingecko: ticker shared by several coins, chose the largest by market cap",
           {{"ticker", printable(ticker, 32)},
            {"coin", best->id},
            {"rank", std::to_string(best->rank)},
            {"candidates", std::to_string(candidates.size())}});
  return best->id;
}

}  // namespace pricefeed::coingecko
