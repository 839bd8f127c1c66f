#pragma once

// Reads the ECB Data Portal's SDMX CSV ("format=csvdata") answers of the EXR dataflow:
//
//   KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,...,TITLE,...
//   EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-09-03,1.1615,A,F,...,US dollar/Euro ECB reference ...
//
// One row per observation, rows grouped by series. Columns are found by their header NAME, never by
// position: "detail=dataonly" answers have 8 columns, full ones 32, and other producers (the recorded
// Frankfurter cassette) keep only FREQ, CURRENCY, TIME_PERIOD and OBS_VALUE. CURRENCY, TIME_PERIOD and
// OBS_VALUE are required; FREQ, CURRENCY_DENOM, EXR_TYPE, EXR_SUFFIX and UNIT_MULT are checked when
// present (daily, per euro, spot, average, unscaled); TITLE, when present, names the currency.
//
// An observation whose OBS_VALUE is empty or NaN is skipped (the ECB publishes no rate that day).
// Anything else that is not a clean answer throws MalformedAnswer, and nothing of it is used:
//   - a header without the required columns (an HTML page, an error text, another format);
//   - a row with more or fewer fields than the header (cut short, or a stray comma);
//   - a body whose last line has no line break: the ECB ends every line, so the answer was cut
//     inside its last row (a cut exactly at a line break cannot be seen in CSV; the host's HTTP client
//     refuses a body shorter than its Content-Length);
//   - a date or a value that does not read, a rate <= 0, a date twice in one series.

#include <map>
#include <string>
#include <string_view>

#include "forex/DailyRate.hpp"

namespace pricefeed::forex {

struct EcbSeries {
  std::string currency;  // CURRENCY: the X of "X per 1 EUR"
  std::string title;     // TITLE when the answer has it ("US dollar/Euro ECB reference exchange rate")
  RateSeries rates;      // oldest first
};

// Every series of the answer, by currency. An answer with a header and no rows has none.
std::map<std::string, EcbSeries, std::less<>> parse_ecb_exchange_rates(std::string_view body);

// "US dollar" from a TITLE such as "US dollar/Euro ECB reference exchange rate"; empty when the title
// does not have that shape.
std::string currency_name_from_ecb_title(std::string_view title);

}  // namespace pricefeed::forex
