// The body of CoinGecko's /coins/list through parse_coins_list. Only CoinGeckoFormatError may escape.

#include "coingecko/CoinGeckoCoinsListParser.hpp"
#include "coingecko/CoinGeckoFormatError.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    pricefeed::coingecko::parse_coins_list(pricefeed::fuzz::as_text(data, size));
  } catch (const pricefeed::coingecko::CoinGeckoFormatError&) {
  }
  return 0;
}
