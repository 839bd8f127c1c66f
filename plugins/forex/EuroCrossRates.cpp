#include "forex/EuroCrossRates.hpp"

#include <cstddef>

namespace pricefeed::forex {

namespace {

// A currency's euro series; nullptr for the euro itself (rate 1 every day) or when it is missing.
const RateSeries* series_of(const EuroRates& euro_rates, const std::string& currency, bool& missing) {
  if (currency == kEuro) return nullptr;
  const auto it = euro_rates.find(currency);
  if (it == euro_rates.end()) {
    missing = true;
    return nullptr;
  }
  return &it->second;
}

}  // namespace

double pair_rate(double euro_base, double euro_quote) {
  return euro_quote / euro_base;
}

RateSeries pair_series(const CurrencyPair& pair, const EuroRates& euro_rates) {
  bool missing = false;
  const RateSeries* base = series_of(euro_rates, pair.base, missing);
  const RateSeries* quote = series_of(euro_rates, pair.quote, missing);
  RateSeries out;
  if (missing) return out;

  if (base == nullptr) {  // EURX
    for (const DailyRate& q : *quote)
      out.push_back({q.day, pair_rate(1.0, q.value)});
    return out;
  }
  if (quote == nullptr) {  // XEUR
    for (const DailyRate& b : *base)
      out.push_back({b.day, pair_rate(b.value, 1.0)});
    return out;
  }
  // A cross: merge the two series (both oldest first) on their common days.
  std::size_t i = 0, j = 0;
  while (i < base->size() && j < quote->size()) {
    const DailyRate& b = (*base)[i];
    const DailyRate& q = (*quote)[j];
    if (b.day < q.day) {
      ++i;
    } else if (q.day < b.day) {
      ++j;
    } else {
      out.push_back({b.day, pair_rate(b.value, q.value)});
      ++i;
      ++j;
    }
  }
  return out;
}

std::vector<std::string> legs_without_rates(const std::vector<std::string>& legs,
                                            const EuroRates& euro_rates) {
  std::vector<std::string> out;
  for (const std::string& leg : legs)
    if (!euro_rates.contains(leg)) out.push_back(leg);
  return out;
}

}  // namespace pricefeed::forex
