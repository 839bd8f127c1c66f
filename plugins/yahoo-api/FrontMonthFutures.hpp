#pragma once

// The commodities people hold, by pricefeed's canonical name, and the Yahoo ticker of each one's
// front-month future (continuous contract: GC=F rolls to the next contract as one expires). The
// commodities plugin serves them (and lets its config override or extend the list); the yahoo
// plugin falls back on the same names, so both plugins agree on what GOLD is.

#include <span>
#include <string_view>

namespace pricefeed::yahoo {

struct FrontMonthFuture {
  std::string_view name;      // pricefeed's symbol: GOLD, OIL_WTI (upper case, digits, single '_')
  std::string_view ticker;    // Yahoo's continuous front-month ticker: GC=F
  std::string_view title;     // "Gold", for catalog names such as "Gold (COMEX front month)"
  std::string_view exchange;  // where the contract trades: COMEX, NYMEX, CBOT, CME, ICE US
  // The unit Yahoo quotes the price in: USD, or USX (US cents) for grains, softs and livestock,
  // which trade in cents per bushel or pound (corn at 450 is $4.50). Like GBp, kept as Yahoo says it,
  // so that values convert right.
  std::string_view currency;
};

// The defaults, in a stable order (metals, energy, grains, softs, livestock).
std::span<const FrontMonthFuture> front_month_futures();

// The entry for a canonical name, or nullptr.
const FrontMonthFuture* find_front_month_future(std::string_view name);

// True for Yahoo's continuous futures tickers: 1 to 6 upper-case letters or digits, then "=F"
// (GC=F, ZC=F, 6E=F). The same shape pricefeed's events accept as a commodity symbol.
bool is_yahoo_futures_ticker(std::string_view ticker);

}  // namespace pricefeed::yahoo
