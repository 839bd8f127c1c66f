// Frankfurter's JSON answers through the three readers of FrankfurterParser (range, latest,
// currencies). Only MalformedAnswer may escape; every rate read is finite and positive.

#include "forex/FrankfurterParser.hpp"
#include "forex/MalformedAnswer.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

namespace {

using pricefeed::fuzz::expect;

void expect_usable(const pricefeed::forex::FrankfurterRates& rates) {
  for (const auto& [currency, rate] : rates)
    expect(std::isfinite(rate) && rate > 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = pricefeed::fuzz::as_text(data, size);
  try {
    for (const auto& [day, rates] : pricefeed::forex::parse_frankfurter_range(body).rates_by_day)
      expect_usable(rates);
  } catch (const pricefeed::forex::MalformedAnswer&) {
  }
  try {
    expect_usable(pricefeed::forex::parse_frankfurter_latest(body).rates);
  } catch (const pricefeed::forex::MalformedAnswer&) {
  }
  try {
    pricefeed::forex::parse_frankfurter_currencies(body);
  } catch (const pricefeed::forex::MalformedAnswer&) {
  }
  return 0;
}
