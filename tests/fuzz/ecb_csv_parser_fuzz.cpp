// The ECB Data Portal's SDMX CSV through parse_ecb_exchange_rates. Only MalformedAnswer may escape;
// every series is oldest first, one rate a day, each finite and positive.

#include "forex/EcbCsvParser.hpp"
#include "forex/MalformedAnswer.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

using pricefeed::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    for (const auto& [currency, series] :
         pricefeed::forex::parse_ecb_exchange_rates(pricefeed::fuzz::as_text(data, size))) {
      expect(currency == series.currency);
      for (std::size_t i = 0; i < series.rates.size(); ++i) {
        if (i > 0) expect(series.rates[i - 1].day < series.rates[i].day);
        expect(std::isfinite(series.rates[i].value) && series.rates[i].value > 0);
      }
      pricefeed::forex::currency_name_from_ecb_title(series.title);
    }
  } catch (const pricefeed::forex::MalformedAnswer&) {
  }
  return 0;
}
