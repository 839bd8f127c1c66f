// The body of Binance's /api/v3/exchangeInfo through parse_binance_exchange_info. Only
// BinanceFormatError may escape; pairs come sorted, so find() can search them.

#include "binance/BinanceExchangeInfoParser.hpp"
#include "binance/BinanceFormatError.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

using pricefeed::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto info = pricefeed::binance::parse_binance_exchange_info(pricefeed::fuzz::as_text(data, size));
    for (std::size_t i = 0; i < info.pairs.size(); ++i) {
      if (i > 0) expect(info.pairs[i - 1].pair <= info.pairs[i].pair);
      expect(info.find(info.pairs[i].pair) != nullptr);
    }
  } catch (const pricefeed::binance::BinanceFormatError&) {
  }
  return 0;
}
