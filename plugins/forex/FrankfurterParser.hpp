#pragma once

// Reads the JSON answers of Frankfurter's v1 API (api.frankfurter.dev/v1, the ECB reference rates),
// in the shapes its OpenAPI document (lineofflight/frankfurter lib/public/v1/openapi.json) gives. No
// real answer is recorded in tests/fixtures, so these shapes are the documented ones:
//
//   GET /{start}..{end}  {"amount":1.0,"base":"EUR","start_date":"2024-01-02","end_date":"2024-01-05",
//                         "rates":{"2024-01-02":{"USD":1.0956},"2024-01-03":{"USD":1.0919},...}}
//   GET /latest          {"amount":1.0,"base":"EUR","date":"2024-01-05","rates":{"USD":1.0921,"GBP":0.86}}
//   GET /currencies      {"AUD":"Australian Dollar","BGN":"Bulgarian Lev",...,"EUR":"Euro",...}
//
// Only working days appear in "rates". A range may start on the working day before the one asked
// (Frankfurter returns the rate in force on the first day): callers keep the days they asked for.
// Anything that is not that shape (not JSON, cut short, a wrong type, a rate <= 0, an amount other
// than 1, which would scale every rate) throws MalformedAnswer naming the JSON path.

#include <map>
#include <string>
#include <string_view>

#include "forex/ForexDate.hpp"

namespace pricefeed::forex {

// Rates of one day, by quote currency: units of that currency per one unit of the base.
using FrankfurterRates = std::map<std::string, double, std::less<>>;

struct FrankfurterRange {
  std::string base;
  std::map<Day, FrankfurterRates> rates_by_day;
};

struct FrankfurterLatest {
  std::string base;
  Day day = 0;
  FrankfurterRates rates;
};

// Currency names by ISO code ("USD" -> "United States Dollar"), the euro included.
using CurrencyNames = std::map<std::string, std::string, std::less<>>;

FrankfurterRange parse_frankfurter_range(std::string_view body);
FrankfurterLatest parse_frankfurter_latest(std::string_view body);
CurrencyNames parse_frankfurter_currencies(std::string_view body);

}  // namespace pricefeed::forex
