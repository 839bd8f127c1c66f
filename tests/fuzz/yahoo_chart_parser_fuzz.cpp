// Yahoo's v8 chart body through YahooChartParser, as a daily and as an hourly answer. Only
// pricefeed::Error may escape (not found, permanent); a parsed chart keeps its documented shape.

#include <pricefeed/error.hpp>

#include "tests/fuzz/FuzzExpectation.hpp"
#include "yahoo-api/YahooChartParser.hpp"

namespace {

using pricefeed::fuzz::expect;
using pricefeed::fuzz::finite_or_absent;

constexpr std::int64_t kSecondsPerDay = 86400;

void expect_well_formed(const pricefeed::yahoo::YahooChart& chart, pricefeed::Resolution resolution) {
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const pricefeed::Bar& bar = chart.bars[i];
    if (i > 0) expect(chart.bars[i - 1].ts < bar.ts);  // ascending, one bar per ts
    if (resolution == pricefeed::Resolution::day) expect(bar.ts % kSecondsPerDay == 0);
    expect(!std::isnan(bar.close));  // bars with a null close are left out
    for (double value : {bar.open, bar.high, bar.low, bar.close, bar.adj_close, bar.volume})
      expect(finite_or_absent(value));
  }
  for (std::size_t i = 0; i < chart.actions.size(); ++i) {
    const pricefeed::Action& action = chart.actions[i];
    if (i > 0) expect(chart.actions[i - 1].ts <= action.ts);
    expect(action.ts % kSecondsPerDay == 0);
    for (double value : {action.amount, action.numerator, action.denominator})
      expect(finite_or_absent(value));
  }
}

void parse_as(pricefeed::Resolution resolution, std::string_view body) {
  try {
    expect_well_formed(pricefeed::yahoo::YahooChartParser(resolution).parse_text(body), resolution);
  } catch (const pricefeed::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = pricefeed::fuzz::as_text(data, size);
  parse_as(pricefeed::Resolution::day, body);
  parse_as(pricefeed::Resolution::hour, body);
  return 0;
}
