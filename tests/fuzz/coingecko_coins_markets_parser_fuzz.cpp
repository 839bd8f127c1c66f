// The body of CoinGecko's /coins/markets through parse_coins_markets. Only CoinGeckoFormatError may
// escape; numbers are finite or absent, ranks never negative.

#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"
#include "coingecko/CoinGeckoFormatError.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

using pricefeed::fuzz::expect;
using pricefeed::fuzz::finite_or_absent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    for (const auto& coin : pricefeed::coingecko::parse_coins_markets(pricefeed::fuzz::as_text(data, size))) {
      expect(coin.rank >= 0);
      for (double value : {coin.current_price, coin.market_cap, coin.total_volume})
        expect(finite_or_absent(value));
    }
  } catch (const pricefeed::coingecko::CoinGeckoFormatError&) {
  }
  return 0;
}
