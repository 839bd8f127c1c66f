// Yahoo's v7 quote body through YahooQuoteParser. Only pricefeed::Error may escape; a parsed quote
// always has a price.

#include <pricefeed/error.hpp>

#include "tests/fuzz/FuzzExpectation.hpp"
#include "yahoo-api/YahooQuoteParser.hpp"

using pricefeed::fuzz::expect;
using pricefeed::fuzz::finite_or_absent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto answer = pricefeed::yahoo::YahooQuoteParser().parse_text(pricefeed::fuzz::as_text(data, size));
    for (const auto& quote : answer.quotes) {
      expect(std::isfinite(quote.price));
      for (double value : {quote.open, quote.high, quote.low, quote.volume, quote.previous_close})
        expect(finite_or_absent(value));
    }
  } catch (const pricefeed::Error&) {
  }
  return 0;
}
