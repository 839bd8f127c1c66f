// The body of Binance's /api/v3/klines through parse_binance_klines. Only BinanceFormatError may
// escape; parsed klines have increasing open times and finite values.

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceKlinesParser.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

using pricefeed::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto klines = pricefeed::binance::parse_binance_klines(pricefeed::fuzz::as_text(data, size));
    for (std::size_t i = 0; i < klines.size(); ++i) {
      if (i > 0) expect(klines[i - 1].open_time_ms < klines[i].open_time_ms);
      for (double value : {klines[i].open, klines[i].high, klines[i].low, klines[i].close, klines[i].volume})
        expect(std::isfinite(value));
    }
  } catch (const pricefeed::binance::BinanceFormatError&) {
  }
  return 0;
}
