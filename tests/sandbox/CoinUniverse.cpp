#include "tests/sandbox/CoinUniverse.hpp"

#include <cmath>
#include <map>

#include "tests/sandbox/Instruments.hpp"

namespace pricefeed::sandbox {
namespace {

struct KnownCoin {
  const char* id;
  const char* symbol;
  const char* name;
  bool on_binance;
};

// The real leaders, so tests and the demo read familiar names. Alephium is the coin of the recorded
// CoinGecko fixtures; it and a few others are not on Binance here, which gives fallback tests a coin
// only CoinGecko serves.
constexpr KnownCoin kKnownCoins[] = {
    {"bitcoin", "BTC", "Bitcoin", true},
    {"ethereum", "ETH", "Ethereum", true},
    {"tether", "USDT", "Tether", false},  // the quote asset itself: no USDTUSDT pair
    {"ripple", "XRP", "XRP", true},
    {"binancecoin", "BNB", "BNB", true},
    {"solana", "SOL", "Solana", true},
    {"usd-coin", "USDC", "USDC", true},
    {"dogecoin", "DOGE", "Dogecoin", true},
    {"cardano", "ADA", "Cardano", true},
    {"tron", "TRX", "TRON", true},
    {"chainlink", "LINK", "Chainlink", true},
    {"avalanche-2", "AVAX", "Avalanche", true},
    {"stellar", "XLM", "Stellar", true},
    {"sui", "SUI", "Sui", true},
    {"hedera-hashgraph", "HBAR", "Hedera", true},
    {"bitcoin-cash", "BCH", "Bitcoin Cash", true},
    {"litecoin", "LTC", "Litecoin", true},
    {"shiba-inu", "SHIB", "Shiba Inu", true},
    {"polkadot", "DOT", "Polkadot", true},
    {"the-open-network", "TON", "Toncoin", true},
    {"uniswap", "UNI", "Uniswap", true},
    {"monero", "XMR", "Monero", false},
    {"pepe", "PEPE", "Pepe", true},
    {"aave", "AAVE", "Aave", true},
    {"near", "NEAR", "NEAR Protocol", true},
    {"internet-computer", "ICP", "Internet Computer", true},
    {"ethereum-classic", "ETC", "Ethereum Classic", true},
    {"aptos", "APT", "Aptos", true},
    {"cosmos", "ATOM", "Cosmos Hub", true},
    {"filecoin", "FIL", "Filecoin", true},
    {"algorand", "ALGO", "Algorand", true},
    {"arbitrum", "ARB", "Arbitrum", true},
    {"vechain", "VET", "VeChain", true},
    {"render-token", "RENDER", "Render", true},
    {"optimism", "OP", "Optimism", true},
    {"injective-protocol", "INJ", "Injective", true},
    {"the-graph", "GRT", "The Graph", true},
    {"maker", "MKR", "Maker", true},
    {"kaspa", "KAS", "Kaspa", false},
    {"theta-token", "THETA", "Theta Network", true},
    {"fantom", "FTM", "Fantom", true},
    {"the-sandbox", "SAND", "The Sandbox", true},
    {"decentraland", "MANA", "Decentraland", true},
    {"tezos", "XTZ", "Tezos", true},
    {"eos", "EOS", "EOS", true},
    {"flow", "FLOW", "Flow", true},
    {"axie-infinity", "AXS", "Axie Infinity", true},
    {"elrond-erd-2", "EGLD", "MultiversX", true},
    {"iota", "IOTA", "IOTA", true},
    {"alephium", "ALPH", "Alephium", false},
};

std::vector<Coin> build_universe() {
  std::vector<Coin> coins;
  coins.reserve(kCoinCount);
  for (const KnownCoin& known : kKnownCoins) {
    coins.push_back({known.id, known.symbol, known.name, 0, 0, known.on_binance});
  }
  // Made-up coins: ids and symbols no real coin uses, every fifth one CoinGecko-only.
  for (std::size_t n = coins.size() + 1; coins.size() < kCoinCount; ++n) {
    const std::string number = std::to_string(n);
    coins.push_back({"sandcoin-" + number, "SDC" + number, "Sandcoin " + number, 0, 0, n % 5 != 0});
  }
  // Supplies fall with rank so that market caps (price x supply, prices near the model's anchors)
  // keep roughly this order.
  for (std::size_t i = 0; i < coins.size(); ++i) {
    coins[i].rank = static_cast<int>(i + 1);
    coins[i].circulating_supply = std::round(2.0e11 / std::pow(static_cast<double>(i + 1), 1.6));
  }
  return coins;
}

}  // namespace

const std::vector<Coin>& coin_universe() {
  static const std::vector<Coin> coins = build_universe();
  return coins;
}

const Coin* find_coin_by_id(std::string_view id) {
  static const std::map<std::string, const Coin*, std::less<>> by_id = [] {
    std::map<std::string, const Coin*, std::less<>> index;
    for (const Coin& coin : coin_universe())
      index.emplace(coin.id, &coin);
    return index;
  }();
  const auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : it->second;
}

const Coin* find_coin_by_symbol(std::string_view symbol) {
  static const std::map<std::string, const Coin*, std::less<>> by_symbol = [] {
    std::map<std::string, const Coin*, std::less<>> index;
    for (const Coin& coin : coin_universe())
      index.emplace(coin.symbol, &coin);
    return index;
  }();
  const auto it = by_symbol.find(to_upper(symbol));
  return it == by_symbol.end() ? nullptr : it->second;
}

}  // namespace pricefeed::sandbox
