// The body of CoinGecko's /simple/price through parse_simple_price (in usd, the fixtures' currency,
// and btc). Only CoinGeckoFormatError may escape; every number is finite or absent.

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoSimplePriceParser.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

namespace {

void parse_in(std::string_view vs_currency, std::string_view body) {
  try {
    for (const auto& [id, price] : pricefeed::coingecko::parse_simple_price(body, vs_currency))
      for (double value : {price.price, price.volume_24h, price.market_cap, price.change_24h_percent})
        pricefeed::fuzz::expect(pricefeed::fuzz::finite_or_absent(value));
  } catch (const pricefeed::coingecko::CoinGeckoFormatError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = pricefeed::fuzz::as_text(data, size);
  parse_in("usd", body);
  parse_in("btc", body);
  return 0;
}
