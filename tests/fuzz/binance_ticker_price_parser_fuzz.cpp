// The body of Binance's /api/v3/ticker/price through parse_binance_ticker_prices. Only
// BinanceFormatError may escape; every price is finite.

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceTickerPriceParser.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    for (const auto& ticker :
         pricefeed::binance::parse_binance_ticker_prices(pricefeed::fuzz::as_text(data, size)))
      pricefeed::fuzz::expect(std::isfinite(ticker.price));
  } catch (const pricefeed::binance::BinanceFormatError&) {
  }
  return 0;
}
