// The body of CoinGecko's /coins/{id}/market_chart(/range) through parse_market_chart. Only
// CoinGeckoFormatError may escape; every value is a number or absent.

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoMarketChartParser.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto chart = pricefeed::coingecko::parse_market_chart(pricefeed::fuzz::as_text(data, size));
    for (const auto* series : {&chart.prices, &chart.market_caps, &chart.total_volumes})
      for (const auto& point : *series)
        pricefeed::fuzz::expect(pricefeed::fuzz::finite_or_absent(point.value));
  } catch (const pricefeed::coingecko::CoinGeckoFormatError&) {
  }
  return 0;
}
