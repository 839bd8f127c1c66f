#include "tests/sandbox/BinanceListings.hpp"

#include "tests/sandbox/CoinUniverse.hpp"

namespace pricefeed::sandbox {

namespace {

BinanceListing listing(std::string base, std::string quote) {
  BinanceListing l;
  l.pair = base + quote;
  l.instrument = base + "-" + quote;
  l.base = std::move(base);
  l.quote = std::move(quote);
  return l;
}

}  // namespace

BinanceListings::BinanceListings(std::size_t extra_pairs) {
  // Binance's first markets were quoted in BTC; exchangeInfo still lists them first.
  for (const char* base : {"ETH", "BNB", "XRP", "SOL"})
    listings_.push_back(listing(base, "BTC"));
  listings_.push_back(listing("BNB", "ETH"));
  for (const Coin& coin : coin_universe()) {
    if (!coin.on_binance) continue;
    BinanceListing l = listing(coin.symbol, "USDT");
    l.margin = coin.rank <= 50;
    listings_.push_back(std::move(l));
  }
  for (const char* base : {"BTC", "ETH"}) {
    listings_.push_back(listing(base, "EUR"));
    listings_.push_back(listing(base, "USDC"));
  }
  // Terra's collapse: Binance stopped LUNA/USDT on 13 May 2022 and kept the pair listed in BREAK.
  BinanceListing luna = listing("LUNA", "USDT");
  luna.status = "BREAK";
  luna.last_trading_day = sys_days{std::chrono::year{2022} / std::chrono::May / 13};
  listings_.push_back(std::move(luna));
  for (std::size_t n = 1; n <= extra_pairs; ++n)
    listings_.push_back(listing("SDX" + std::to_string(n), "USDT"));
}

const BinanceListing* BinanceListings::find(std::string_view pair) const {
  for (const BinanceListing& l : listings_) {
    if (l.pair == pair) return &l;
  }
  return nullptr;
}

}  // namespace pricefeed::sandbox
