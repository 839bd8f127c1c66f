#pragma once

// The ECB publishes every currency X as "X per 1 EUR" (USD 1.0956 means 1 EUR = 1.0956 USD). Any
// pair's rate follows from its legs' euro rates:
//   EURX = euro[X]      XEUR = 1 / euro[X]      AB = euro[B] / euro[A]   (GBPUSD = EURUSD / EURGBP)
// on the dates both legs have a rate. Computed in full double precision, never rounded.

#include <map>
#include <string>
#include <vector>

#include "forex/CurrencyPair.hpp"
#include "forex/DailyRate.hpp"

namespace pricefeed::forex {

// X per 1 EUR, by currency X (the euro itself is never a key: its rate is 1).
using EuroRates = std::map<std::string, RateSeries, std::less<>>;

// euro_base / euro_quote: the euro rates of the pair's currencies, 1 for the euro itself.
double pair_rate(double euro_base, double euro_quote);

// The pair's series on the days every leg has a rate; empty when a leg has no series.
RateSeries pair_series(const CurrencyPair& pair, const EuroRates& euro_rates);

// Those of a pair's euro legs (euro_legs) that have no series in euro_rates: what a backend must
// explain (an unknown currency, a series that ended, a range of closing days) when it has no pair
// series to give.
std::vector<std::string> legs_without_rates(const std::vector<std::string>& legs,
                                            const EuroRates& euro_rates);

}  // namespace pricefeed::forex
