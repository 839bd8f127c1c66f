#pragma once

// What one Yahoo v8 chart answer says, in pricefeed's terms: bars with pricefeed's timestamps (a daily
// bar at 00:00 UTC of its trading date), corporate actions, and the instrument's description.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pricefeed/records.hpp>

namespace pricefeed::yahoo {

// chart.result[0].meta. It describes the instrument at the moment of the fetch, not the asked range:
// gmtoffset and regularMarket* are today's, whatever period was requested.
struct YahooChartMeta {
  std::string symbol;                            // Yahoo's ticker, e.g. "GC=F"
  std::string currency;                          // as Yahoo gives it; minor units kept ("GBp" for pence)
  std::string exchange_name;                     // "NMS", "CMX", "LSE", "CCC"
  std::string exchange_timezone_name;            // IANA name, e.g. "America/New_York"
  std::string instrument_type;                   // "EQUITY", "FUTURE", "CURRENCY", "CRYPTOCURRENCY" ...
  std::string data_granularity;                  // "1d", "1h", "1m"
  std::int64_t gmtoffset = 0;                    // seconds east of UTC at the moment of the fetch
  std::optional<std::int64_t> first_trade_date;  // unix seconds; absent for some instruments

  // The latest trade, for quotes: NaN / nullopt when Yahoo leaves them out.
  double regular_market_price = kAbsent;
  std::optional<std::int64_t> regular_market_time;
  double regular_market_day_high = kAbsent;
  double regular_market_day_low = kAbsent;
  double regular_market_volume = kAbsent;
  double previous_close = kAbsent;  // meta.previousClose (not chartPreviousClose: that one is the close
                                    // before the asked range, not before today)
};

struct YahooChart {
  YahooChartMeta meta;
  std::vector<Bar> bars;        // ascending ts, one bar per ts; bars with a null close are left out
  std::vector<Action> actions;  // ascending ts; ts is 00:00 UTC of the ex-date (or split date)
  // Things a reader of the logs should know but that did not stop the parse (a time zone fallback,
  // two daily bars for one trading date).
  std::vector<std::string> warnings;
};

}  // namespace pricefeed::yahoo
