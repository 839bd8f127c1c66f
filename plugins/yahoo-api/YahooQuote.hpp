#pragma once

// What one Yahoo v7 quote answer says: the latest price of each instrument Yahoo knows, by Yahoo's
// ticker, in pricefeed's terms (NaN for what Yahoo leaves out).

#include <cstdint>
#include <string>
#include <vector>

#include <pricefeed/records.hpp>

namespace pricefeed::yahoo {

struct YahooQuote {
  std::string ticker;               // result[i].symbol: Yahoo's ticker, e.g. "GC=F"
  double price = kAbsent;           // regularMarketPrice, never absent in a parsed quote
  std::string currency;             // as Yahoo gives it, minor units kept ("GBp"); empty when absent
  std::int64_t ts = 0;              // regularMarketTime, unix seconds
  double open = kAbsent;            // regularMarketOpen
  double high = kAbsent;            // regularMarketDayHigh
  double low = kAbsent;             // regularMarketDayLow
  double volume = kAbsent;          // regularMarketVolume (0 for forex, kept as 0)
  double previous_close = kAbsent;  // regularMarketPreviousClose
};

struct YahooQuoteAnswer {
  std::vector<YahooQuote> quotes;  // in Yahoo's order
  // Entries left out and why (no price, a field of the wrong type): logged, not fatal, so that one odd
  // instrument does not cost the others their quotes.
  std::vector<std::string> warnings;
};

}  // namespace pricefeed::yahoo
