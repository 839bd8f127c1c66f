// The coins the sandbox's crypto APIs know (CoinGecko's ids, Binance's pairs): the real top coins by
// market cap, then made-up ones up to kCoinCount so catalogs have their real size (CoinGecko's top 500
// needs two pages of 250). Prices come from the PriceModel of the Yahoo-style instrument
// SYMBOL-QUOTE (BTC-USD for CoinGecko in USD, BTC-USDT for Binance's BTCUSDT), so one coin is one
// random walk whichever API serves it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::sandbox {

struct Coin {
  std::string id;      // CoinGecko's id: "bitcoin"
  std::string symbol;  // upper case: "BTC"
  std::string name;    // "Bitcoin"
  int rank = 0;        // market-cap rank, 1 first
  double circulating_supply = 0;
  bool on_binance = true;  // Binance lists SYMBOL/USDT (some coins are CoinGecko-only, for fallbacks)
};

inline constexpr std::size_t kCoinCount = 600;

// All coins, by rank.
const std::vector<Coin>& coin_universe();
// By CoinGecko id (case-sensitive, as CoinGecko's are lower case) or by symbol (case-insensitive).
const Coin* find_coin_by_id(std::string_view id);
const Coin* find_coin_by_symbol(std::string_view symbol);

}  // namespace pricefeed::sandbox
