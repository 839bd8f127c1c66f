#pragma once

// YahooChartParser reads the body of Yahoo's v8 chart endpoint (/v8/finance/chart/{ticker}) into a
// YahooChart. It knows the format's quirks: null entries in the OHLCV arrays, a missing adjclose, an
// empty range answered without a "timestamp" key, events keyed by timestamp strings, and daily bars
// stamped at an exchange-local instant that must become a trading date.
//
// Errors are pricefeed::Error: chart.error "Not Found" -> not_found; any other chart.error, invalid
// JSON or a missing part of the structure -> permanent, naming the JSON path that is wrong.

#include <string_view>

#include <nlohmann/json.hpp>
#include <pricefeed/records.hpp>

#include "yahoo-api/YahooChart.hpp"

namespace pricefeed::yahoo {

class YahooChartParser {
 public:
  // resolution is what was asked for: a 1d answer's timestamps become trading dates in the exchange's
  // time zone; 1h and 1m bars keep their real open instant. Corporate actions are always dated.
  explicit YahooChartParser(Resolution resolution) : resolution_(resolution) {}

  YahooChart parse(const nlohmann::json& body) const;
  // The same from the raw body (named apart: a string converts to both string_view and json); text
  // that is not JSON is a permanent error quoting its first bytes.
  YahooChart parse_text(std::string_view body) const;

 private:
  Resolution resolution_;
};

}  // namespace pricefeed::yahoo
